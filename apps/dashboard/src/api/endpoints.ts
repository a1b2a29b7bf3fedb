/**
 * Every API route the dashboard calls, as OpenAPI paths. The browser tests check each against
 * the platform's /docs/openapi.json, so a renamed or removed route fails a test, not a user.
 */
export const ENDPOINTS = [
  '/v1/auth/demo-token',
  '/v1/status',
  '/v1/flags',
  '/v1/signals',
  '/v1/interviewers',
  '/v1/interviewers/{id}',
  '/v1/interviewers/{id}/scorecards',
  '/v1/me',
  '/v1/levels',
  '/v1/calibration-packs',
  '/v1/reports/{file}',
  '/v1/imports/scorecards',
] as const;
