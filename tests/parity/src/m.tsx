export const Logo = () => <img src="/logo.png" />;
export const Photo = () => <img alt="photo" src="/p.png" />;
const todo = "TODO tsx";
