import { loadCleaningRules, loadTaxonomy } from '../../src/pipeline/rules.ts';

/** The project's real rules, as the converter uses them. */
export const rules = loadCleaningRules('content/cleaning.yaml');
export const taxonomy = loadTaxonomy('content/taxonomy.yaml');
