import { describe, expect, it } from 'vitest';
import { DemoSignInController } from './demo-sign-in.controller';
import { verifyToken } from './tokens';

const secret = 'local-secret-local-secret-local-secret';

describe('DemoSignInController', () => {
  const controller = new DemoSignInController(secret);

  it('signs in as any role, interviewers as a demo interviewer', async () => {
    const lead = await controller.demoToken({ role: 'hiring_lead' });
    expect(await verifyToken(lead.token, secret)).toEqual({ sub: 'demo-hiring_lead', role: 'hiring_lead' });
    const interviewer = await controller.demoToken({ role: 'interviewer' });
    expect(await verifyToken(interviewer.token, secret)).toEqual({ sub: 'int-001', role: 'interviewer' });
    expect((await controller.demoToken({ role: 'interviewer', sub: 'int-042' })).sub).toBe('int-042');
  });

  it('refuses unknown roles and odd subjects by name', async () => {
    await expect(controller.demoToken({ role: 'root' })).rejects.toMatchObject({ response: { errors: [expect.objectContaining({ path: 'role' })] } });
    await expect(controller.demoToken({ role: 'admin', sub: 'x y' })).rejects.toMatchObject({ response: { errors: [expect.objectContaining({ path: 'sub' })] } });
  });
});
