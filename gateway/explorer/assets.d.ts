// Stylesheets imported by the explorer script are bundled by esbuild, not loaded by Node.
declare module '*.css';
