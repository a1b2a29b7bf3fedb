import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReplayService } from '../replay.service';

/** Rebuild every projection from offset 0 (SPEC §4). */
export class StartReplayCommand {}

@CommandHandler(StartReplayCommand)
export class StartReplayHandler implements ICommandHandler<StartReplayCommand, { generation: number }> {
  constructor(private readonly replay: ReplayService) {}

  execute(): Promise<{ generation: number }> {
    return this.replay.start();
  }
}
