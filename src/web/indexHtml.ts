/** The console's one page: the bundle mounts into #app; paths are absolute so every /app/... URL can answer it. */
export function indexHtml(script: string, stylesheet: string | null): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Filora</title>
    <link rel="icon" href="data:," />
    ${stylesheet === null ? '' : `<link rel="stylesheet" href="/app/${stylesheet}" />`}
    <script type="module" src="/app/${script}"></script>
  </head>
  <body>
    <div id="app"></div>
    <noscript>The Filora console needs JavaScript. The API itself is at /api/v1/docs.</noscript>
  </body>
</html>
`;
}
