import fs from 'node:fs';
import path from 'node:path';
import { Catch, type ArgumentsHost, type ExceptionFilter, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { EventLogUnavailableError } from '@plumbline/kafka';
import { Logger } from 'nestjs-pino';

export interface HttpAppOptions {
  bodyLimitBytes: number;
  /** Origins allowed cross-origin; empty: same origin only. */
  corsOrigins?: string[];
  /** A built single-page app to serve at / (the dashboard), if present. */
  staticDir?: string;
  /** Adds schemas and examples to the generated OpenAPI document. */
  extendOpenApi?: (document: OpenAPIObject) => void;
}

const API_PREFIXES = ['/v1', '/docs', '/health', '/metrics'];

/** Static files of a built SPA, and its index.html for any other page address (client routing). */
function serveSinglePageApp(app: INestApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = req.method === 'GET' && !API_PREFIXES.some((prefix) => req.path.startsWith(prefix)) && req.accepts('html');
    if (isPage) res.sendFile(index);
    else next();
  });
}

/** The `{ errors: [...] }` shape of SPEC §3, for failures before any event is looked at. */
function requestError(res: Response, status: number, message: string) {
  res.status(status).json({ errors: [{ index: null, path: '', message }] });
}

/** Kafka away (event log or audit trail): 503 with Retry-After, on every route. */
@Catch(EventLogUnavailableError)
class EventLogUnavailableFilter implements ExceptionFilter {
  catch(error: EventLogUnavailableError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', '5');
    requestError(res, 503, error.message);
  }
}

/**
 * Builds a Nest application with JSON logs, a JSON body parser whose failures answer in the
 * API's error shape (413 over the limit, 400 for malformed JSON), and OpenAPI at /docs.
 */
export async function createHttpApp(module: Type<unknown>, options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalFilters(new EventLogUnavailableFilter());
  // Security headers; the policy allows what the dashboard and /docs need from this origin only
  // (charts and Swagger UI set inline styles).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"] },
      },
    }),
  );
  if (options.corsOrigins?.length) app.enableCors({ origin: options.corsOrigins, allowedHeaders: ['authorization', 'content-type'], methods: ['GET', 'POST'] });

  const parseJson = express.json({ limit: options.bodyLimitBytes, strict: false });
  // CSV imports arrive as text.
  const parseText = express.text({ type: ['text/csv', 'text/plain'], limit: options.bodyLimitBytes });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.is('text/csv') || req.is('text/plain') ? parseText : parseJson)(req, res, (error?: { status?: number; type?: string; message: string }) => {
      if (!error) return next();
      if (error.type === 'entity.too.large') return requestError(res, 413, `request body exceeds ${options.bodyLimitBytes} bytes`);
      return requestError(res, error.status ?? 400, `request body is not valid JSON: ${error.message}`);
    }),
  );

  if (options.staticDir && fs.existsSync(path.join(options.staticDir, 'index.html'))) serveSinglePageApp(app, options.staticDir);

  const config = new DocumentBuilder()
    .setTitle('Plumbline')
    .setDescription('Event-sourced hiring calibration analytics. See SPEC.md for the contract.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  options.extendOpenApi?.(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
