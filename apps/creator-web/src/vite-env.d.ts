/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when it is not the page's own. */
  readonly VITE_API_BASE_URL?: string;
  /** The platform's sign-in page. */
  readonly VITE_SIGN_IN_URL?: string;
}
