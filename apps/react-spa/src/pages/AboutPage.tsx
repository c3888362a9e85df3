export function AboutPage() {
  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">About</h1>
      <p>
        A Vite + React single-page app. Its production image holds the built files and a static
        web server, nothing else: no Node.js, no package manager, no sources.
      </p>
      <p>This page is a client-side route: open it directly and the server still answers with the app.</p>
    </section>
  );
}
