import { Controller, Get, HttpStatus, Injectable, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@plumbline/auth';

export type HealthCheck = () => Promise<void>;

/** Dependencies a service needs to do its work; modules register theirs at start. */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Runs every check with a deadline; a check that throws or is late is "down". */
  async run(timeoutMs = 3_000): Promise<Record<string, { status: 'up' | 'down'; error?: string }>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
        try {
          await Promise.race([check(), late]);
          return [name, { status: 'up' as const }] as const;
        } catch (error) {
          return [name, { status: 'down' as const, error: (error as Error).message }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}

/**
 * `/health`: liveness — the process answers — plus each dependency's readiness, 200 when all are
 * up and 503 otherwise, so one URL serves both a liveness probe (any answer) and a readiness probe.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const dependencies = await this.checks.run();
    const ready = Object.values(dependencies).every((d) => d.status === 'up');
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ready ? 'ok' : 'degraded', live: true, ready, dependencies });
  }
}
