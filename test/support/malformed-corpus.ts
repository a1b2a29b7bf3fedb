import { exampleDecisionRecorded, exampleScorecardAmended, exampleScorecardSubmitted, exampleScorecardWithdrawn, mlSystemDesignRubric, rubricPublishedEvent } from '@plumbline/events';

/**
 * Malformed input for every write path (issue 7): each case is a request body with the status it
 * must get and the field its error must name. The JSON bodies are also produced straight to the
 * topic, where the projector must dead-letter them.
 */
export interface MalformedCase {
  name: string;
  body: string | Buffer;
  contentType?: string;
  /** Acceptable statuses (the first is the expected one). */
  status: number[];
  /** Must appear in some error's path or message. */
  names?: string;
  /** The same input as a Kafka message value (the event itself, not the request around it). */
  message?: string | Buffer;
  /** Whether the projector must dead-letter `message` (schema errors; rubric mismatches are kept but never counted). */
  deadLetter: boolean;
}

type Json = Record<string, any>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

let counter = 0;
/** Valid events of every type with fresh ids, so no case is refused as a duplicate. */
function baseEvents(): Record<string, Json> {
  const n = ++counter;
  // Deep copies: edits must never reach the shared built-in rubric the examples refer to.
  return clone({
    ScorecardSubmitted: exampleScorecardSubmitted({ scorecardId: `mal-sc-${n}`, candidateId: `mal-cand-${n}` }),
    ScorecardAmended: exampleScorecardAmended({ scorecardId: `mal-sc-${n}` }),
    ScorecardWithdrawn: exampleScorecardWithdrawn({ scorecardId: `mal-sc-${n}`, reason: 'duplicate' }),
    DecisionRecorded: exampleDecisionRecorded({ candidateId: `mal-cand-${n}` }),
    RubricPublished: rubricPublishedEvent({ ...mlSystemDesignRubric, rubricId: `mal-rubric-${n}`, overallGuidance: undefined }),
  });
}

const requiredData: Record<string, string[]> = {
  ScorecardSubmitted: ['scorecardId', 'candidateId', 'interviewerId', 'rubricId', 'rubricVersion', 'targetLevel', 'ratings', 'overall', 'interviewedAt'],
  ScorecardAmended: ['scorecardId', 'ratings', 'overall'],
  ScorecardWithdrawn: ['scorecardId'],
  DecisionRecorded: ['candidateId', 'decision'],
  RubricPublished: ['rubricId', 'version', 'name', 'scale', 'signals', 'levels'],
};
const optionalData: Record<string, string[]> = {
  ScorecardSubmitted: ['jobFamily', 'interviewType', 'recommendedLevel'],
  ScorecardAmended: ['recommendedLevel', 'reason'],
  ScorecardWithdrawn: ['reason'],
  DecisionRecorded: ['finalLevel', 'requisitionId'],
  RubricPublished: [],
};

/** A value of the wrong JSON type for the field's current value. */
const wrongType = (value: unknown) => (typeof value === 'string' ? 42 : typeof value === 'number' ? 'forty-two' : Array.isArray(value) ? { not: 'a list' } : 'not an object');

const jsonCase = (name: string, event: unknown, status: number[], names: string | undefined, deadLetter = true): MalformedCase => ({
  name,
  body: JSON.stringify({ events: [event] }),
  message: JSON.stringify(event),
  status,
  names,
  deadLetter,
});
/** A case whose request body is the whole input (and so also the message). */
const bodyCase = (name: string, body: string | Buffer, status: number[] = [400]): MalformedCase => ({ name, body, message: body, status, deadLetter: true });

/** Edits one event and returns it. */
function edited(type: string, edit: (event: Json) => void): Json {
  const event = baseEvents()[type];
  edit(event);
  return event;
}

export function httpJsonCases(): MalformedCase[] {
  const cases: MalformedCase[] = [];
  const types = Object.keys(requiredData);

  for (const type of types) {
    // The envelope: missing, null and wrong-typed fields; an unknown field.
    for (const field of ['eventId', 'type', 'schemaVersion', 'occurredAt', 'data']) {
      cases.push(jsonCase(`${type}: envelope ${field} missing`, edited(type, (e) => delete e[field]), [400], field));
      cases.push(jsonCase(`${type}: envelope ${field} null`, edited(type, (e) => (e[field] = null)), [400], field));
      cases.push(jsonCase(`${type}: envelope ${field} of the wrong type`, edited(type, (e) => (e[field] = wrongType(e[field]))), [400], field));
    }
    cases.push(jsonCase(`${type}: unknown envelope field`, edited(type, (e) => (e.surprise = 1)), [400], 'surprise'));
    // Data fields.
    for (const field of requiredData[type]) cases.push(jsonCase(`${type}: data.${field} missing`, edited(type, (e) => delete e.data[field]), [400], field));
    for (const field of [...requiredData[type], ...optionalData[type]]) {
      cases.push(jsonCase(`${type}: data.${field} of the wrong type`, edited(type, (e) => (e.data[field] = wrongType(e.data[field] ?? 'x'))), [400], field));
    }
    cases.push(jsonCase(`${type}: unknown data field`, edited(type, (e) => (e.data.ratting = 3)), [400], 'ratting'));
    // Prototype-pollution keys, as own properties of parsed JSON.
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const event = JSON.stringify(baseEvents()[type]);
      for (const [where, message] of [
        ['data', event.replace('"data":{', `"data":{"${key}":{"polluted":true},`)],
        ['the envelope', event.replace(/^\{/, `{"${key}":{"polluted":true},`)],
      ]) {
        cases.push({ name: `${type}: ${key} key in ${where}`, body: `{"events":[${message}]}`, message, status: [400], names: key, deadLetter: true });
      }
    }
    // Dates, ids and sizes.
    for (const date of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T25:00:00Z', 'yesterday', '', '2026-03-01T10:00:00', '0000-00-00T00:00:00Z']) {
      cases.push(jsonCase(`${type}: occurredAt ${JSON.stringify(date)}`, edited(type, (e) => (e.occurredAt = date)), [400], 'occurredAt'));
    }
    cases.push(jsonCase(`${type}: eventId not a UUID`, edited(type, (e) => (e.eventId = "1'; DROP TABLE events; --")), [400], 'eventId'));
    cases.push(jsonCase(`${type}: schemaVersion from the future`, edited(type, (e) => (e.schemaVersion = 99)), [400], 'schemaVersion'));
    cases.push(jsonCase(`${type}: schemaVersion 1.5`, edited(type, (e) => (e.schemaVersion = 1.5)), [400], 'schemaVersion'));
  }

  const idFields: [string, string][] = [
    ['ScorecardSubmitted', 'scorecardId'],
    ['ScorecardSubmitted', 'candidateId'],
    ['ScorecardSubmitted', 'interviewerId'],
    ['ScorecardAmended', 'scorecardId'],
    ['ScorecardWithdrawn', 'scorecardId'],
    ['DecisionRecorded', 'candidateId'],
    ['DecisionRecorded', 'requisitionId'],
  ];
  for (const [type, field] of idFields) {
    for (const [label, value] of [
      ['empty', ''],
      ['100 KB', 'x'.repeat(100 * 1024)],
      ['SQL-like', "x' OR '1'='1"],
      ['SQL comment', 'cand-1; DROP TABLE g1_scorecards; --'],
      ['with spaces', 'cand 42'],
      ['control character', 'cand\u0000-42'],
    ] as const) {
      cases.push(jsonCase(`${type}: ${field} ${label}`, edited(type, (e) => (e.data[field] = value)), [400], field));
    }
  }
  for (const field of ['rubricId', 'targetLevel', 'recommendedLevel']) {
    cases.push(jsonCase(`ScorecardSubmitted: ${field} with capitals`, edited('ScorecardSubmitted', (e) => (e.data[field] = 'Senior Staff')), [400], field));
  }
  cases.push(jsonCase('ScorecardWithdrawn: 100 KB reason', edited('ScorecardWithdrawn', (e) => (e.data.reason = 'r'.repeat(100 * 1024))), [400], 'reason'));
  cases.push(jsonCase('ScorecardAmended: 100 KB reason', edited('ScorecardAmended', (e) => (e.data.reason = 'r'.repeat(100 * 1024))), [400], 'reason'));
  cases.push(jsonCase('ScorecardSubmitted: job family with a control character', edited('ScorecardSubmitted', (e) => (e.data.jobFamily = 'ml\u0007eng')), [400], 'jobFamily'));
  cases.push(jsonCase('ScorecardWithdrawn: reason with an escape sequence', edited('ScorecardWithdrawn', (e) => (e.data.reason = '\u001b[31mred')), [400], 'reason'));
  cases.push(jsonCase('ScorecardSubmitted: 100 KB job family', edited('ScorecardSubmitted', (e) => (e.data.jobFamily = 'j'.repeat(100 * 1024))), [400], 'jobFamily'));

  // Ratings.
  const ratingEdits: [string, (r: Json[]) => unknown, number, string][] = [
    ['no ratings', () => [], 400, 'ratings'],
    ['a rating of 2.5', (r) => ((r[0].rating = 2.5), r), 400, 'rating'],
    ['a rating as a string', (r) => ((r[0].rating = '3'), r), 400, 'rating'],
    ['a rating of null', (r) => ((r[0].rating = null), r), 400, 'rating'],
    ['a rating of true', (r) => ((r[0].rating = true), r), 400, 'rating'],
    ['a rating of 1e400 (Infinity)', (r) => ((r[0].rating = '__INF__'), r), 400, 'rating'],
    ['a rating of 0 (below the scale)', (r) => ((r[0].rating = 0), r), 422, 'rating'],
    ['a rating of 5 (above the scale)', (r) => ((r[0].rating = 5), r), 422, 'rating'],
    ['a rating of -1', (r) => ((r[0].rating = -1), r), 422, 'rating'],
    ['a rating of 1000', (r) => ((r[0].rating = 1000), r), 422, 'rating'],
    ['a duplicate signal', (r) => [...r, { ...r[0] }], 400, 'signal'],
    ['an unknown signal', (r) => ((r[0].signal = 'vibes'), r), 422, 'signal'],
    ['an empty signal', (r) => ((r[0].signal = ''), r), 400, 'signal'],
    ['a signal with SQL', (r) => ((r[0].signal = "modeling' --"), r), 400, 'signal'],
    ['a rating without a signal', (r) => (delete r[0].signal, r), 400, 'signal'],
    ['a rating without a value', (r) => (delete r[0].rating, r), 400, 'rating'],
    ['a rating with a comment', (r) => ((r[0].comment = 'great'), r), 400, 'comment'],
    ['ratings as an object', (r) => Object.fromEntries(r.map((x) => [x.signal, x.rating])), 400, 'ratings'],
    ['a rating that is a list', (r) => ((r[0] = [r[0].signal, r[0].rating]), r), 400, 'ratings'],
    ['101 ratings', () => Array.from({ length: 101 }, (_, i) => ({ signal: `s${i}`, rating: 3 })), 400, 'ratings'],
  ];
  for (const type of ['ScorecardSubmitted', 'ScorecardAmended']) {
    for (const [label, edit, status, names] of ratingEdits) {
      const event = edited(type, (e) => (e.data.ratings = edit(clone(e.data.ratings))));
      // Schema-valid ratings that are wrong for the rubric are the projector's to keep (a
      // scorecard may precede its rubric): stored, never counted.
      // An amendment of a scorecard the log never had is dead-lettered as such.
      const c = jsonCase(`${type}: ${label}`, event, [status], names, status === 400 || type === 'ScorecardAmended');
      c.body = (c.body as string).replace('"__INF__"', '1e400');
      c.message = (c.message as string).replace('"__INF__"', '1e400');
      // An amendment of an unknown scorecard is 422 before its ratings are looked at.
      if (type === 'ScorecardAmended' && status === 422) c.names = undefined;
      cases.push(c);
    }
  }

  // Enums.
  for (const overall of ['maybe', 'HIRE', 'strong-hire', '']) cases.push(jsonCase(`overall ${JSON.stringify(overall)}`, edited('ScorecardSubmitted', (e) => (e.data.overall = overall)), [400], 'overall'));
  for (const decision of ['perhaps', 'Hire', '']) cases.push(jsonCase(`decision ${JSON.stringify(decision)}`, edited('DecisionRecorded', (e) => (e.data.decision = decision)), [400], 'decision'));
  for (const type of ['ScorecardDeleted', 'scorecardsubmitted', '', 'constructor', '__proto__']) cases.push(jsonCase(`type ${JSON.stringify(type)}`, edited('ScorecardSubmitted', (e) => (e.type = type)), [400], 'type'));
  cases.push(jsonCase('hire without a final level', edited('DecisionRecorded', (e) => delete e.data.finalLevel), [400], 'finalLevel'));
  for (const date of ['2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', 'not a date', '1700000000']) {
    cases.push(jsonCase(`interviewedAt ${JSON.stringify(date)}`, edited('ScorecardSubmitted', (e) => (e.data.interviewedAt = date)), [400], 'interviewedAt'));
  }
  cases.push(jsonCase('rubricVersion 0', edited('ScorecardSubmitted', (e) => (e.data.rubricVersion = 0)), [400], 'rubricVersion'));
  cases.push(jsonCase('rubricVersion 1.5', edited('ScorecardSubmitted', (e) => (e.data.rubricVersion = 1.5)), [400], 'rubricVersion'));
  cases.push(jsonCase('rubric with one scale point', edited('RubricPublished', (e) => (e.data.scale = e.data.scale.slice(0, 1))), [400], 'scale'));
  cases.push(jsonCase('rubric with a descending scale', edited('RubricPublished', (e) => e.data.scale.reverse()), [400], 'scale'));
  cases.push(jsonCase('rubric with duplicate signals', edited('RubricPublished', (e) => e.data.signals.push(e.data.signals[0])), [400], 'signals'));
  cases.push(jsonCase('rubric with no signals', edited('RubricPublished', (e) => (e.data.signals = [])), [400], 'signals'));

  // Deep nesting: inside a field, and as the whole body.
  // Built as text: JSON.stringify itself would run out of stack.
  const deep = '{"a":'.repeat(5_000) + '"bottom"' + '}'.repeat(5_000);
  const nested = JSON.stringify(baseEvents().ScorecardSubmitted).replace('"data":{', `"data":{"extra":${deep},`);
  cases.push({ name: '5,000 levels of nesting in a field', body: `{"events":[${nested}]}`, message: nested, status: [400], names: 'extra', deadLetter: true });
  cases.push(bodyCase('100,000 nested arrays as the body', '['.repeat(100_000) + ']'.repeat(100_000)));
  cases.push(bodyCase('100,000 nested objects as the body', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)));

  // Bodies that are not a submission at all.
  for (const [label, body] of [
    ['an empty body', ''],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"events"'],
    ['a list of events', JSON.stringify([baseEvents().DecisionRecorded])],
    ['an empty object', '{}'],
    ['events: null', '{"events":null}'],
    ['events: an object', '{"events":{}}'],
    ['no events', '{"events":[]}'],
    ['events of strings', '{"events":["a","b"]}'],
    ['truncated JSON', '{"events":[{"eventId":'],
    ['a trailing comma', '{"events":[],}'],
    ['single quotes', "{'events':[]}"],
    ['NaN', '{"events":[NaN]}'],
    ['a comment', '{"events":[] /* hi */}'],
  ] as const) {
    cases.push(bodyCase(`body: ${label}`, body));
  }
  cases.push({ name: 'a batch of 5,001 events', body: JSON.stringify({ events: Array.from({ length: 5_001 }, () => baseEvents().DecisionRecorded) }), status: [400], names: '5000', deadLetter: false });

  // Bytes that are not UTF-8, in a string and in a key.
  const event = JSON.stringify({ events: [baseEvents().ScorecardSubmitted] });
  const at = event.indexOf('"int-7"') + 5;
  cases.push(bodyCase('invalid UTF-8 in a value', Buffer.concat([Buffer.from(event.slice(0, at)), Buffer.from([0xff, 0xfe]), Buffer.from(event.slice(at))])));
  cases.push(bodyCase('a lone continuation byte', Buffer.concat([Buffer.from('{"events":[{"'), Buffer.from([0x80]), Buffer.from('":1}]}')])));
  cases.push(bodyCase('an overlong encoding of "/"', Buffer.concat([Buffer.from('{"events":["'), Buffer.from([0xc0, 0xaf]), Buffer.from('"]}')])));

  // Content types.
  for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'application/octet-stream']) {
    cases.push({ name: `content type ${contentType}`, body: event, contentType, status: [400, 415], names: 'Content-Type', deadLetter: false });
  }
  return cases;
}

/** A request over the body limit (in bytes). */
export function oversizedBody(limitBytes: number): string {
  return JSON.stringify({ events: [{ ...baseEvents().DecisionRecorded, padding: 'x'.repeat(limitBytes) }] });
}

export const CSV_HEADER = 'scorecard_id,candidate_id,interviewer_id,rubric_id,rubric_version,target_level,overall,interviewed_at,modeling,deployment';
const csvRow = (fields: Partial<Record<string, string>> = {}) => {
  const n = ++counter;
  const row: Record<string, string> = {
    scorecard_id: `csv-mal-${n}`,
    candidate_id: `csv-cand-${n}`,
    interviewer_id: 'int-9',
    rubric_id: 'ml-system-design',
    rubric_version: '1',
    target_level: 'senior',
    overall: 'hire',
    interviewed_at: '2026-02-01T10:00:00Z',
    modeling: '3',
    deployment: '4',
    ...fields,
  };
  return CSV_HEADER.split(',').map((column) => row[column] ?? '').join(',');
};

export interface CsvCase {
  name: string;
  body: string | Buffer;
  status: number;
  /** The line the error must name (1 = the header), if any. */
  line?: number;
  names?: string;
}

export function csvCases(): CsvCase[] {
  const cases: CsvCase[] = [];
  const file = (...rows: string[]) => [CSV_HEADER, csvRow(), ...rows].join('\n');
  for (const column of ['scorecard_id', 'candidate_id', 'interviewer_id', 'rubric_id', 'rubric_version', 'target_level', 'overall', 'interviewed_at']) {
    cases.push({ name: `${column} empty`, body: file(csvRow({ [column]: '' })), status: 400, line: 3, names: column });
  }
  for (const [column, value, status] of [
    ['scorecard_id', "x' OR '1'='1", 400],
    ['candidate_id', 'cand 42', 400],
    ['interviewer_id', 'x'.repeat(100 * 1024), 400],
    ['rubric_version', 'one', 400],
    ['rubric_version', '1.5', 400],
    ['rubric_version', '-1', 400],
    ['target_level', 'Senior', 400],
    ['overall', 'maybe', 400],
    ['interviewed_at', '2026-02-30T10:00:00Z', 400],
    ['interviewed_at', 'last tuesday', 400],
    ['modeling', '2.5', 400],
    ['modeling', 'three', 400],
    ['modeling', '5', 422],
    ['modeling', '0', 422],
    ['rubric_id', 'no-such-rubric', 422],
    ['target_level', 'wizard', 422],
  ] as const) {
    cases.push({ name: `${column} ${JSON.stringify(value.slice(0, 30))}`, body: file(csvRow({ [column]: value })), status, line: 3, names: column === 'rubric_id' ? 'rubric' : column });
  }
  cases.push({ name: 'an empty file', body: '', status: 400 });
  cases.push({ name: 'only a header', body: CSV_HEADER, status: 400 });
  cases.push({ name: 'a header without required columns', body: 'scorecard_id,modeling\nsc-1,3', status: 400, line: 1, names: 'candidate_id' });
  cases.push({ name: 'an unknown signal column', body: [CSV_HEADER + ',vibes', csvRow() + ',3'].join('\n'), status: 422, line: 2, names: 'signal' });
  cases.push({ name: 'a duplicate column', body: [CSV_HEADER + ',modeling', csvRow() + ',3'].join('\n'), status: 400, line: 1, names: 'modeling' });
  cases.push({ name: 'a __proto__ column', body: [CSV_HEADER + ',__proto__', csvRow() + ',3'].join('\n'), status: 400, names: '__proto__' });
  cases.push({ name: 'a constructor column', body: [CSV_HEADER + ',constructor', csvRow() + ',3'].join('\n'), status: 422, line: 2, names: 'constructor' });
  cases.push({ name: 'a row with too many fields', body: file(csvRow() + ',9,9'), status: 400, line: 3 });
  cases.push({ name: 'a row with too few fields', body: file('csv-x,cand-x'), status: 400, line: 3 });
  cases.push({ name: 'an unclosed quote', body: file('"csv-q,cand-q,int-9,ml-system-design,1,senior,hire,2026-02-01T10:00:00Z,3,4'), status: 400 });
  cases.push({ name: 'a row with no ratings', body: file(csvRow({ modeling: '', deployment: '' })), status: 400, line: 3, names: 'signal' });
  cases.push({ name: 'invalid UTF-8', body: Buffer.concat([Buffer.from(file() + '\n' + csvRow({ interviewer_id: 'int-' })), Buffer.from([0xff, 0xfe])]), status: 400 });
  cases.push({ name: 'a formula injection in an id', body: file(csvRow({ candidate_id: '=1+1' })), status: 400, line: 3, names: 'candidate_id' });
  return cases;
}
