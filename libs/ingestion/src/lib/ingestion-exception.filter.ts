import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidEventsError } from './invalid-events.error';

/** Maps refused submissions to SPEC §3 answers: 400/422 with every issue (503s are the server's filter). */
@Catch(InvalidEventsError)
export class IngestionExceptionFilter implements ExceptionFilter {
  catch(error: InvalidEventsError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.status).json({ errors: error.issues });
  }
}
