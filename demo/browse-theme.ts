/**
 * The script of the built-in Jira's issue pages (`/browse/KEY`, built to dist/demo/browse.js): they
 * take the theme chosen on the sandbox page. Loaded at the top of `<body>`, so there is no flash.
 */
import { applyTheme, savedTheme } from './theme';

applyTheme(document.body, savedTheme(), false);
