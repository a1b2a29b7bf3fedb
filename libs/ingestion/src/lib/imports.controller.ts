import { Body, Controller, HttpCode, Post, Query, Req, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, WriteRateLimit, type AuthenticatedRequest } from '@plumbline/auth';
import { auditEntry } from '@plumbline/events';
import { AuditTrail } from '@plumbline/kafka';
import { ImportScorecardsCommand, type ImportScorecardsResult } from './commands/impl/import-scorecards.command';
import { IngestionExceptionFilter } from './ingestion-exception.filter';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/imports')
@UseFilters(IngestionExceptionFilter)
export class ImportsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly audit: AuditTrail,
  ) {}

  @Post('scorecards')
  @HttpCode(202)
  @WriteRateLimit()
  @Roles('ingest', 'admin', 'recruiting_ops')
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'firstLine', required: false, description: 'line number of the first line sent, when a long file is sent in parts' })
  @ApiOperation({
    summary: 'Import historical scorecards from CSV: one row per scorecard, one column per signal; 400/422 list every bad line',
  })
  async import(@Body() csv: unknown, @Req() req: AuthenticatedRequest, @Query('firstLine') firstLine?: string): Promise<ImportScorecardsResult> {
    const result: ImportScorecardsResult = await this.commandBus.execute(new ImportScorecardsCommand(csv, firstLine ? Math.max(1, Number(firstLine) || 1) : 1));
    // After the import, so the entry says what it did; if this fails the client gets 503 and a
    // re-send is all duplicates, which records the entry then.
    await this.audit.record(auditEntry('ScorecardsImported', req.principal!, { ...result, firstLine: firstLine ?? '1' }));
    return result;
  }
}
