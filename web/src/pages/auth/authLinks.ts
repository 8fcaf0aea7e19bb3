import { paths } from '../../routes';

/** A link between sign-in and register that keeps where the user was going (`?next=`). */
function keepingNext(path: string, next: string | undefined): string {
  return next === undefined || next === '' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

export const signInLink = (next: string | undefined) => keepingNext(paths.signIn, next);
export const registerLink = (next: string | undefined) => keepingNext(paths.register, next);
