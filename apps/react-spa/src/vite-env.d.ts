/// <reference types="vite/client" />

// The build-time variables this app reads (see config.ts); Vite types only its own.
interface ImportMetaEnv {
  readonly VITE_API_URL?: string;
  readonly VITE_BUILD_ENV?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
