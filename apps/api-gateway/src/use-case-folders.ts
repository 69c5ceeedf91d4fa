import type { Type } from '@nestjs/common';
import { CONTROLLER_WATERMARK, INJECTABLE_WATERMARK } from '@nestjs/common/constants';
import { classesIn } from '@chat/commands';

/**
 * The `@Controller` classes of `<dir>/<use case>/*.http.controller.{js,ts}` for each `dir`
 * (an area's `commands/`, `queries/`): a module names its use-case folders, never their
 * controllers, so adding a route is adding a folder. Routes are mapped in this order (the
 * dirs as given, folders by name); that is safe while no two routes of one method overlap.
 */
export function httpControllersIn(...dirs: string[]): Type[] {
  return marked(dirs, '.http.controller', CONTROLLER_WATERMARK);
}

/**
 * The `@Injectable` classes of `<dir>/<use case>/*.service.{js,ts}`: a provider that only
 * one use case needs lives in its folder and is registered from there.
 */
export function useCaseServicesIn(...dirs: string[]): Type[] {
  return marked(dirs, '.service', INJECTABLE_WATERMARK);
}

/** Only classes Nest marked: a helper a file happens to export is not registered. */
function marked(dirs: string[], suffix: string, watermark: string): Type[] {
  return dirs
    .flatMap((dir) => classesIn(dir, suffix))
    .filter((cls) => Reflect.getMetadata(watermark, cls) === true) as Type[];
}
