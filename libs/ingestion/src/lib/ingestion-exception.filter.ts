import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { EventLogUnavailableError } from '@plumbline/kafka';
import type { Response } from 'express';
import { InvalidEventsError } from './invalid-events.error';

/** Maps the write side's failures to SPEC §3 answers: 400/422 with every issue, 503 when Kafka is away. */
@Catch(InvalidEventsError, EventLogUnavailableError)
export class IngestionExceptionFilter implements ExceptionFilter {
  catch(error: InvalidEventsError | EventLogUnavailableError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof InvalidEventsError) {
      res.status(error.status).json({ errors: error.issues });
      return;
    }
    res.status(503).setHeader('Retry-After', '5').json({ errors: [{ index: null, path: '', message: error.message }] });
  }
}
