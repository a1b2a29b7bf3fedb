import { BadRequestException, Controller, ForbiddenException, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest } from '@plumbline/auth';
import { auditEntry } from '@plumbline/events';
import { AuditTrail } from '@plumbline/kafka';
import type { Response } from 'express';
import type { LiveCounts, ScopedReport } from './calibration.service';
import { filtersSchema, type Filters } from './filters';
import { GetCalibrationReportQuery } from './queries/get-calibration-report.query';
import { GetInterviewerScorecardsQuery } from './queries/get-interviewer-scorecards.query';
import { GetInterviewerListQuery } from './queries/get-interviewer-list.query';
import { GetScorecardsCsvQuery } from './queries/get-scorecards-csv.query';
import { csvReports, isCsvReport } from './reports';
import { flagView, interviewerDetail, interviewerList, selfView } from './views';

const READERS = ['admin', 'hiring_lead', 'recruiting_ops'] as const;
const filterDocs = ['from', 'to', 'jobFamily', 'targetLevel', 'rubricId', 'interviewType', 'period'].map((name) => ApiQuery({ name, required: false }));
const ApplyFilterDocs = (): MethodDecorator => (target, key, descriptor) => {
  for (const doc of filterDocs) doc(target, key, descriptor);
};

function parseFilters(query: unknown): Filters {
  const parsed = filtersSchema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new BadRequestException({ errors: parsed.error.issues.map((i) => ({ index: null, path: i.path.join('.') || ((i as { keys?: string[] }).keys ?? []).join(','), message: i.message })) });
}

/** The read side of SPEC §6. Each route reads the cached report for its filters and shapes it. */
@ApiTags('calibration')
@ApiBearerAuth()
@Controller('v1')
export class CalibrationController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly audit: AuditTrail,
  ) {}

  private report(query: unknown): Promise<ScopedReport> {
    return this.queryBus.execute(new GetCalibrationReportQuery(parseFilters(query)));
  }

  @Get('interviewers')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({
    summary: 'Every interviewer with a live scorecard in scope: severity, decision agreement, flags',
    description: 'Counts are live (`asOf`); the model figures are from the latest report (`modelAsOf`), recomputed in the background as events arrive.',
  })
  async interviewers(@Query() query: unknown) {
    const { report, live } = await this.queryBus.execute<GetInterviewerListQuery, { report: ScopedReport; live: LiveCounts }>(new GetInterviewerListQuery(parseFilters(query)));
    return interviewerList(report, live);
  }

  @Get('interviewers/:id')
  @Roles(...READERS, 'interviewer')
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'One interviewer in detail (interviewers may open only their own)' })
  async interviewer(@Param('id') id: string, @Query() query: unknown, @Req() req: AuthenticatedRequest) {
    if (req.principal!.role === 'interviewer') {
      if (req.principal!.sub !== id) throw new ForbiddenException('interviewers may only see their own figures');
      return this.me(query, req);
    }
    const { asOf, report } = await this.report(query);
    const entry = report.interviewers.find((i) => i.interviewerId === id);
    if (!entry) throw new NotFoundException(`no live scorecards of ${id} in scope`);
    return { asOf, ...interviewerDetail(entry) };
  }

  @Get('interviewers/:id/scorecards')
  @Roles(...READERS, 'interviewer')
  @ApplyFilterDocs()
  @ApiQuery({ name: 'page', required: false })
  @ApiOperation({ summary: 'An interviewer’s live scorecards in scope, newest first, 20 a page (interviewers: their own only)' })
  async interviewerScorecards(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: AuthenticatedRequest) {
    if (req.principal!.role === 'interviewer' && req.principal!.sub !== id) throw new ForbiddenException('interviewers may only see their own figures');
    const { page: rawPage, ...filters } = query;
    const page = Number(rawPage ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > 100_000) throw new BadRequestException({ errors: [{ index: null, path: 'page', message: 'must be a whole number from 1' }] });
    // Paging reads ClickHouse directly; it must not wait for (or trigger) a report recompute.
    return this.queryBus.execute(new GetInterviewerScorecardsQuery(id, parseFilters(filters), page));
  }

  @Get('me')
  @Roles('interviewer', ...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'The caller’s own tendencies against an org baseline of at least five other interviewers' })
  async me(@Query() query: unknown, @Req() req: AuthenticatedRequest) {
    const { asOf, report } = await this.report(query);
    const entry = report.interviewers.find((i) => i.interviewerId === req.principal!.sub);
    if (!entry) return { asOf, interviewerId: req.principal!.sub, scorecards: 0, note: 'No live scorecards of yours in scope.' };
    return { asOf, ...selfView(entry, report.interviewers.length - 1) };
  }

  @Get('signals')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'Per signal: distribution, validity, drift per period, reliability' })
  async signals(@Query() query: unknown) {
    const { asOf, report, rubricVersions } = await this.report(query);
    return { asOf, signals: report.signals, rubricVersions };
  }

  @Get('flags')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'Every flag in scope, after false-discovery control' })
  async flags(@Query() query: unknown) {
    const { asOf, report } = await this.report(query);
    return { asOf, flags: report.flags.map(flagView) };
  }

  @Get('calibration-packs')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'The candidates with the widest panel disagreement, every panelist’s ratings side by side: a calibration meeting’s agenda' })
  async calibrationPacks(@Query() query: unknown) {
    const { asOf, report } = await this.report(query);
    return { asOf, candidates: report.calibrationPacks };
  }

  @Get('levels')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'Per target level: hire, up-level and down-level rates, mean rating per signal' })
  async levels(@Query() query: unknown) {
    const { asOf, report } = await this.report(query);
    return { asOf, levels: report.levels };
  }

  @Get('reports/:file')
  @Roles(...READERS)
  @ApplyFilterDocs()
  @ApiOperation({ summary: 'CSV reports: interviewers.csv, signals.csv, scorecards.csv, flags.csv' })
  async csv(@Param('file') file: string, @Query() query: unknown, @Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const name = file.replace(/\.csv$/, '');
    if (!file.endsWith('.csv') || !isCsvReport(name)) throw new NotFoundException(`no report ${file}; there are ${Object.keys(csvReports).map((n) => `${n}.csv`).join(', ')}`);
    const filters = parseFilters(query);
    // Recorded before a byte leaves: no export without its audit entry.
    await this.audit.record(auditEntry('ReportExported', req.principal!, { report: file, filters }));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="plumbline-${name}.csv"`);
    if (name === 'scorecards') {
      const stream: NodeJS.ReadableStream = await this.queryBus.execute(new GetScorecardsCsvQuery(filters));
      stream.pipe(res);
      return;
    }
    const { report } = await this.queryBus.execute<GetCalibrationReportQuery, ScopedReport>(new GetCalibrationReportQuery(filters));
    res.send(csvReports[name](report));
  }
}
