import { Body, Controller, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, WriteRateLimit } from '@plumbline/auth';
import { ImportScorecardsCommand, type ImportScorecardsResult } from './commands/impl/import-scorecards.command';
import { IngestionExceptionFilter } from './ingestion-exception.filter';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/imports')
@UseFilters(IngestionExceptionFilter)
export class ImportsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('scorecards')
  @HttpCode(202)
  @WriteRateLimit()
  @Roles('ingest', 'admin', 'recruiting_ops')
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'firstLine', required: false, description: 'line number of the first line sent, when a long file is sent in parts' })
  @ApiOperation({
    summary: 'Import historical scorecards from CSV: one row per scorecard, one column per signal; 400/422 list every bad line',
  })
  import(@Body() csv: unknown, @Query('firstLine') firstLine?: string): Promise<ImportScorecardsResult> {
    return this.commandBus.execute(new ImportScorecardsCommand(csv, firstLine ? Math.max(1, Number(firstLine) || 1) : 1));
  }
}
