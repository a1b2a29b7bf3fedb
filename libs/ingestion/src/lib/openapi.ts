import type { OpenAPIObject } from '@nestjs/swagger';
import { exampleScorecardSubmitted, plumblineEvent } from '@plumbline/events';
import { z } from 'zod';

/** Adds the event schemas — generated from the zod schemas, so they cannot drift — to /docs. */
export function addIngestionSchemas(document: OpenAPIObject): void {
  const envelope = z.toJSONSchema(plumblineEvent, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete envelope['$schema'];
  const issue = { type: 'object', properties: { index: { type: ['integer', 'null'] }, path: { type: 'string' }, message: { type: 'string' } } };
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Event: { ...envelope, example: exampleScorecardSubmitted() } as never,
      Submission: {
        oneOf: [{ $ref: '#/components/schemas/Event' }, { type: 'object', required: ['events'], properties: { events: { type: 'array', maxItems: 5000, items: { $ref: '#/components/schemas/Event' } } } }],
      },
      Accepted: { type: 'object', properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' } } },
      Errors: { type: 'object', properties: { errors: { type: 'array', items: issue } } } as never,
    },
  };
}
