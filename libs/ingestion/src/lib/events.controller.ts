import { Body, Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles, WriteRateLimit } from '@plumbline/auth';
import { SubmitEventsCommand, type SubmitEventsResult } from './commands/impl/submit-events.command';
import { IngestionExceptionFilter } from './ingestion-exception.filter';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/events')
@UseFilters(IngestionExceptionFilter)
export class EventsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(202)
  @WriteRateLimit()
  @Roles('ingest', 'admin')
  @ApiBody({ schema: { $ref: '#/components/schemas/Submission' } })
  @ApiResponse({ status: 202, description: 'Every new event is in Kafka', schema: { $ref: '#/components/schemas/Accepted' } })
  @ApiResponse({ status: 400, description: 'Malformed events; nothing written', schema: { $ref: '#/components/schemas/Errors' } })
  @ApiResponse({ status: 422, description: 'Events naming an unknown rubric, signal, scale value, level or scorecard; nothing written', schema: { $ref: '#/components/schemas/Errors' } })
  @ApiResponse({ status: 413, description: 'Body over the size limit' })
  @ApiResponse({ status: 503, description: 'Kafka did not acknowledge in time; nothing half-written, retry' })
  submit(@Body() body: unknown): Promise<SubmitEventsResult> {
    return this.commandBus.execute(new SubmitEventsCommand(body));
  }
}
