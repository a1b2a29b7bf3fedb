import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest } from '@plumbline/auth';
import { auditEntry } from '@plumbline/events';
import { AuditTrail } from '@plumbline/kafka';
import { StartReplayCommand } from './commands/start-replay.command';
import type { ProjectionStatus } from './projection-status';
import { GetProjectionStatusQuery } from './queries/get-projection-status.query';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('v1')
export class ProjectionsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    private readonly audit: AuditTrail,
  ) {}

  @Get('status')
  @Roles('admin', 'hiring_lead', 'recruiting_ops')
  @ApiOperation({ summary: 'Projection lag (events and seconds), last projected offset per partition, events projected, dead letters' })
  status(): Promise<ProjectionStatus> {
    return this.queryBus.execute(new GetProjectionStatusQuery());
  }

  @Post('admin/replay')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Rebuild every projection from offset 0 into fresh tables, swapped in when caught up; follow it on /v1/status' })
  async replay(@Req() req: AuthenticatedRequest): Promise<{ generation: number }> {
    const started: { generation: number } = await this.commandBus.execute(new StartReplayCommand());
    // After the start, to name the generation; without its entry the caller hears 503.
    await this.audit.record(auditEntry('ReplayStarted', req.principal!, started));
    return started;
  }
}
