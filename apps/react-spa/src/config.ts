// Build-time configuration. Vite replaces `import.meta.env.VITE_*` with literal strings when it
// bundles, so these are fixed in the built files: the image's build args API_URL and BUILD_ENV
// become VITE_API_URL and VITE_BUILD_ENV in its build stage (see the Dockerfile). Nothing here
// is read at run time, and nothing secret belongs here: every visitor can read the bundle.

/** Where the items API lives, without a trailing slash; empty means this page's own origin. */
export const apiUrl: string = (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '');

/** The environment the bundle was built for (the tutorial's BUILD_ENV), shown in the footer. */
export const buildEnv: string = import.meta.env.VITE_BUILD_ENV || import.meta.env.MODE;
