import type { Rule } from 'eslint';

/** The `tally/layers` rule (see layers.js). */
declare const rule: Rule.RuleModule;
export default rule;
