import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET, waitUntil } from './app';

/**
 * A Plumbline app (by default the all-in-one platform) as a real child process, so a test can
 * kill it with SIGKILL the way a crash would, and start it again on the same data dir and topic.
 */
export class PlatformProcess {
  private child: ChildProcess | null = null;

  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'apps/platform/src/main.ts',
    /** Extra node flags, e.g. --cpu-prof for the bench. */
    private readonly nodeArgs: string[] = [],
  ) {}

  /** PID of the running process, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...this.nodeArgs, '-r', '@swc-node/register', path.resolve(this.entry)], {
      // The heap limit and allocator settings `npm start` gives the platform (serviceEnv in scripts/setup.mjs).
      env: {
        ...process.env,
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=512 --max-semi-space-size=32 --v8-pool-size=2',
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
        JE_MALLOC_CONF: process.env.JE_MALLOC_CONF ?? 'background_thread:true,dirty_decay_ms:1000',
        AUTH_JWT_SECRET: TEST_SECRET,
        LOG_LEVEL: 'error',
        PLUMBLINE_DEMO: 'off',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.child = child;
    // An exit nobody asked for (kill and stop forget the child first) is worth a line: its code
    // or signal (SIGKILL from the kernel's OOM killer, say) is all there is to go on.
    child.once('exit', (code, signal) => {
      if (this.child === child) console.error(`${this.entry} exited unexpectedly (code ${code}, signal ${signal})`);
    });
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`platform exited with ${child.exitCode}`);
      return (await fetch(`${this.url}/health`)).status === 200;
    }, 120_000, 250);
  }

  /** SIGKILL: no shutdown hooks, no flushing, no offset commits. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
