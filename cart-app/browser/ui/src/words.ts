import { words, type Words } from './i18n.js';
import { useScreen } from './store.js';

/** The screen's words in the shopper's chosen language. */
export const useWords = (): Words => words[useScreen((s) => s.language)];
