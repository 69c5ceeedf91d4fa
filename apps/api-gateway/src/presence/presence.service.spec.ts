import { Database } from '@chat/db';
import { KafkaConfig } from '@chat/kafka';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';
import { PresenceTransitions } from './presence-transitions';

function setup() {
  const transitions = {
    attach: jest.fn().mockResolvedValue(true),
    release: jest.fn().mockResolvedValue(undefined),
    sweep: jest.fn().mockResolvedValue(undefined),
    setStatus: jest.fn(),
  };
  const repo = {
    touchConnections: jest.fn().mockResolvedValue([]),
    usersWithStaleConnections: jest.fn().mockResolvedValue([]),
  };
  const service = new PresenceService(
    {} as Database,
    repo as unknown as PresenceRepository,
    transitions as unknown as PresenceTransitions,
    { heartbeatMs: 1_000, staleAfterMs: 3_000 },
    { instanceId: 'gw-1' } as KafkaConfig,
  );
  return { service, transitions, repo };
}

describe('PresenceService', () => {
  it('records a connection and releases it once', async () => {
    const { service, transitions } = setup();
    const id = await service.connect('u1');
    expect(transitions.attach).toHaveBeenCalledWith(id, 'u1', 'gw-1');

    await service.disconnect(id!);
    await service.disconnect(id!);
    expect(transitions.release).toHaveBeenCalledTimes(1);
    expect(transitions.release).toHaveBeenCalledWith(id, 'u1');
  });

  it('holds nothing for a user that does not exist', async () => {
    const { service, transitions } = setup();
    transitions.attach.mockResolvedValue(false);
    await expect(service.connect('ghost')).resolves.toBeUndefined();
    await service.onModuleDestroy();
    expect(transitions.release).not.toHaveBeenCalled();
  });

  it('records again a held connection that another instance swept', async () => {
    const { service, transitions, repo } = setup();
    const kept = await service.connect('u1');
    const swept = await service.connect('u2');
    repo.touchConnections.mockResolvedValue([kept]);

    await service.heartbeat();
    expect(repo.touchConnections).toHaveBeenCalledWith(expect.anything(), [kept, swept]);
    expect(transitions.attach).toHaveBeenCalledTimes(3);
    expect(transitions.attach).toHaveBeenLastCalledWith(swept, 'u2', 'gw-1');
  });

  it('sweeps each user with stale connections', async () => {
    const { service, transitions, repo } = setup();
    repo.usersWithStaleConnections.mockResolvedValue(['u1', 'u2']);
    await service.sweep();
    expect(repo.usersWithStaleConnections).toHaveBeenCalledWith(expect.anything(), 3_000, 100);
    expect(transitions.sweep.mock.calls).toEqual([['u1'], ['u2']]);
  });

  it('on shutdown waits for a connect in flight, releases everything held and refuses new connects', async () => {
    const { service, transitions } = setup();
    let finishAttach!: (ok: boolean) => void;
    transitions.attach.mockReturnValueOnce(new Promise((resolve) => (finishAttach = resolve)));
    const connecting = service.connect('u1');
    const other = await service.connect('u2');

    const stopping = service.onModuleDestroy();
    finishAttach(true);
    const first = await connecting;
    await stopping;

    expect(transitions.release.mock.calls).toEqual(
      expect.arrayContaining([
        [first, 'u1'],
        [other, 'u2'],
      ]),
    );
    expect(() => service.connect('u3')).toThrow(/shutting down/);
    await service.disconnect(first!);
    expect(transitions.release).toHaveBeenCalledTimes(2);
  });
});
