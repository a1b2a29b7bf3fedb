import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRubrics, mlSystemDesignRubric, mlSystemDesignSpecialtiesRubric } from './built-in-rubrics';
import { rubricPublishedData } from './event-schemas';

const seed = readFileSync(path.join(__dirname, 'seed/ml-system-design-rubric.txt'), 'utf8');

/** Descriptor lines of one signal's section in the seed, by scale label. */
function seedDescriptors(section: string): Record<string, string> {
  const lines = seed.split('\n');
  const start = lines.findIndex((line) => line.trim() === section);
  const found: Record<string, string> = {};
  for (const line of lines.slice(start + 1, start + 5)) {
    const match = /^- (Very Weak|Weak|Strong|Very Strong): (.*)$/.exec(line);
    if (match) found[match[1].toLowerCase().replace(' ', '_')] = match[2];
  }
  return found;
}

describe('the built-in ml-system-design rubric', () => {
  it('is a valid RubricPublished payload', () => {
    for (const rubric of builtInRubrics) expect(rubricPublishedData.safeParse(rubric).success).toBe(true);
  });

  it('has the signals, scale and levels of SPEC §2', () => {
    expect(mlSystemDesignRubric.rubricId).toBe('ml-system-design');
    expect(mlSystemDesignRubric.version).toBe(1);
    expect(mlSystemDesignRubric.signals.map((s) => s.key)).toEqual([
      'problem_understanding',
      'data_feature_engineering',
      'modeling',
      'deployment',
      'communication_collaboration',
    ]);
    expect(mlSystemDesignRubric.scale).toEqual([
      { value: 1, label: 'very_weak' },
      { value: 2, label: 'weak' },
      { value: 3, label: 'strong' },
      { value: 4, label: 'very_strong' },
    ]);
    expect(mlSystemDesignRubric.levels.map((l) => [l.key, l.rank])).toEqual([
      ['junior', 1],
      ['mid', 2],
      ['senior', 3],
      ['staff', 4],
      ['principal', 5],
    ]);
  });

  it.each([
    ['problem_understanding', 'Problem understanding'],
    ['data_feature_engineering', 'Data and feature engineering'],
    ['modeling', 'Modeling'],
    ['deployment', 'Deployment'],
    ['communication_collaboration', 'Communication and collaboration'],
  ])('carries the seed descriptor of every rating for %s', (key, section) => {
    const signal = mlSystemDesignRubric.signals.find((s) => s.key === key)!;
    expect(signal.name).toBe(section);
    expect(signal.descriptors).toEqual(seedDescriptors(section));
    expect(Object.keys(signal.descriptors!)).toHaveLength(4);
  });

  it("maps overall ratings to the seed's hire recommendations and leveling hints", () => {
    expect(mlSystemDesignRubric.overallGuidance!.map((g) => [g.label, g.overall, g.leveling])).toEqual([
      ['very_weak', 'strong_no_hire', undefined],
      ['weak', 'no_hire', 'down'],
      ['strong', 'hire', undefined],
      ['very_strong', 'strong_hire', 'up'],
    ]);
  });

  it("adds the seed's specialty criteria as optional signals of a second rubric", () => {
    const optional = mlSystemDesignSpecialtiesRubric.signals.filter((s) => s.optional).map((s) => s.key);
    expect(optional).toEqual(['computer_vision', 'nlp', 'llms', 'recommender_systems']);
    expect(mlSystemDesignSpecialtiesRubric.signals).toHaveLength(9);
    for (const s of mlSystemDesignSpecialtiesRubric.signals.filter((s) => s.optional)) expect(seed).toContain(s.description!.slice(1, 40));
  });
});
