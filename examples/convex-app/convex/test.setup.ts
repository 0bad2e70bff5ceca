/// <reference types="vite/client" />
// Every Convex module except test files (`*.test.ts`, `test.*.ts` have more
// than one dot), the same set the Convex CLI deploys.
export const modules = import.meta.glob("./**/!(*.*.*)*.*s");
