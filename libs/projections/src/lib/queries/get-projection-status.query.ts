import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProjectionStatusReader, type ProjectionStatus } from '../projection-status';

/** How far the read model is behind the event log. */
export class GetProjectionStatusQuery {}

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery, ProjectionStatus> {
  constructor(private readonly status: ProjectionStatusReader) {}

  execute(): Promise<ProjectionStatus> {
    return this.status.read();
  }
}
