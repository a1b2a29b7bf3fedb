import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the defaults of SPEC §8', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('.data');
    expect(config.demo).toBe(true);
    expect(config.kafka).toEqual({ brokers: null, localPort: 9092, topic: 'plumbline.events', dlqTopic: 'plumbline.events.dlq', auditTopic: 'plumbline.events.audit' });
    expect(config.rateLimits).toEqual({ writesPerMinute: 1200, signInsPerMinute: 20 });
    expect(config.clickhouse.url).toBeNull();
    expect(config.auth.jwtSecret).toBeNull();
  });

  it('reads brokers, topic and server URLs', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'k1:9092,k2:9093',
      KAFKA_TOPIC: 'acme.events',
      CLICKHOUSE_URL: 'http://ch:8123',
      PLUMBLINE_DEMO: 'off',
      PORT: '8080',
    });
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(config.kafka.dlqTopic).toBe('acme.events.dlq');
    expect(config.kafka.auditTopic).toBe('acme.events.audit');
    expect(config.clickhouse.url).toBe('http://ch:8123');
    expect(config.demo).toBe(false);
    expect(config.port).toBe(8080);
  });

  it('reads the CORS allow-list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example,http://b.example:8080' }).corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ KAFKA_BROKERS: '' }).kafka.brokers).toBeNull();
  });

  it('names every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no port', AUTH_JWT_SECRET: 'short', PLUMBLINE_DEMO: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET', 'PLUMBLINE_DEMO']) expect(problems).toContain(name);
    }
  });
});
