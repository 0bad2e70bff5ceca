// Imported by DOM test files (which opt into jsdom per file), so the Convex
// tests running in edge-runtime never load DOM-only helpers.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(cleanup);
