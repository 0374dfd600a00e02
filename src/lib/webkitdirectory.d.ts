// React's types lack the non-standard attribute that turns a file input into a folder picker.
import 'react';

declare module 'react' {
  // The parameter must be named as in React's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface InputHTMLAttributes<T> {
    /** Chromium, Firefox and Safari: pick a folder; each File gets a `webkitRelativePath`. */
    webkitdirectory?: '' | boolean;
  }
}
