import { useSession } from '../../hooks/useSession';

/**
 * Whether the signed-in user owns a file or folder. The API's answers carry the owner but not what a
 * grantee may do, so everything that changes an item is offered to its owner only.
 */
export function useOwns(): (item: { owner_id: string }) => boolean {
  const userId = useSession()?.userId ?? null;
  return (item) => userId !== null && item.owner_id === userId;
}
