import type { CanActivate, Type } from '@nestjs/common';
import { CONTROLLER_WATERMARK, INJECTABLE_WATERMARK } from '@nestjs/common/constants';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatsModule } from './chats/chats.module';
import { ChatupModule } from './chatup/chatup.module';
import { UsersModule } from './users/users.module';

const chatup = ChatupModule.forRoot({});
const areas: [string, Type[], Type[]][] = [
  ['chats', controllersOf(ChatsModule), providersOf(ChatsModule)],
  ['chatup', chatup.controllers ?? [], (chatup.providers ?? []) as Type[]],
  ['users', controllersOf(UsersModule), providersOf(UsersModule)],
];

/** Every class of `<area>/{commands,queries}/<use case>/*.ts` that Nest marked, by its file. */
function markedClasses(area: string, watermark: string): [string, Type][] {
  const found: [string, Type][] = [];
  for (const side of ['commands', 'queries']) {
    const dir = join(__dirname, area, side);
    if (!existsSync(dir)) continue;
    const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const folder of folders) {
      for (const file of readdirSync(join(dir, folder.name))) {
        if (!file.endsWith('.ts') || file.includes('.spec')) continue;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(join(dir, folder.name, file)) as Record<string, unknown>;
        for (const value of Object.values(exported))
          if (typeof value === 'function' && Reflect.getMetadata(watermark, value) === true)
            found.push([`${side}/${folder.name}/${file}`, value as Type]);
      }
    }
  }
  return found;
}

// The modules find a use case's classes by file name: a misnamed file would drop its route
// (or its provider) without an error, so every marked class must be one its module registers.
describe('use-case folders', () => {
  it.each(areas)('%s registers every controller of its use-case folders', (area, controllers) => {
    const found = markedClasses(area, CONTROLLER_WATERMARK);
    expect(found.length).toBeGreaterThan(0);
    for (const [file, cls] of found)
      expect({ file, registered: controllers.includes(cls) }).toEqual({ file, registered: true });
    expect(controllers).toHaveLength(found.length);
  });

  it.each(areas)('%s registers every provider kept in a use-case folder', (area, controllers, providers) => {
    // Controllers, and guards (Nest builds those named in @UseGuards), need no listing.
    const found = markedClasses(area, INJECTABLE_WATERMARK).filter(
      ([, cls]) =>
        !controllers.includes(cls) &&
        typeof (cls.prototype as Partial<CanActivate>).canActivate !== 'function',
    );
    for (const [file, cls] of found)
      expect({ file, registered: providers.includes(cls) }).toEqual({ file, registered: true });
  });
});

function controllersOf(module: Type): Type[] {
  return Reflect.getMetadata('controllers', module) as Type[];
}

function providersOf(module: Type): Type[] {
  return Reflect.getMetadata('providers', module) as Type[];
}
