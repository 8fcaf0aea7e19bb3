/** A short random pause before retrying after a concurrent writer, longer with each attempt, so racing writers spread out. */
export const afterConflict = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
