// Stylesheets are bundled by esbuild: importing one adds it to the console's one CSS file.
declare module '*.css';
