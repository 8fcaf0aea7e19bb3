/** What a form just did, announced politely (a live region that is always there, so the message is read out). */
export function DoneNotice({ message }: { message: string | null }) {
  return (
    <p role="status" class={message === null ? 'security-done-empty' : 'banner banner-success'}>
      {message}
    </p>
  );
}
