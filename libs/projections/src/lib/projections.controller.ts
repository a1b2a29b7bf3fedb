import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plumbline/auth';
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
  replay(): Promise<{ generation: number }> {
    return this.commandBus.execute(new StartReplayCommand());
  }
}
