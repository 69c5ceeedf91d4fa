import { parseNestLogCall } from './nest-log-call';

describe('parseNestLogCall', () => {
  it('reads the context from the last string param', () => {
    expect(parseNestLogCall('log', 'hello', ['Ctx'])).toMatchObject({ message: 'hello', context: 'Ctx' });
    expect(parseNestLogCall('log', 'hello', [undefined, 'Ctx'])).toMatchObject({
      message: 'hello',
      context: 'Ctx',
    });
  });

  it('tells a stack from a context', () => {
    const stack = new Error('x').stack as string;
    expect(parseNestLogCall('error', 'failed', [stack])).toMatchObject({ stack, context: undefined });
    expect(parseNestLogCall('error', 'failed', [stack, 'Ctx'])).toMatchObject({ stack, context: 'Ctx' });
  });

  it('takes fields from an object message and object params', () => {
    expect(parseNestLogCall('log', { message: 'm', a: 1 }, [{ b: 2 }, 'Ctx'])).toMatchObject({
      message: 'm',
      fields: { a: 1, b: 2 },
      context: 'Ctx',
    });
  });

  it('keeps an Error', () => {
    const err = new Error('boom');
    expect(parseNestLogCall('error', err, [])).toMatchObject({ message: 'boom', error: err });
  });
});
