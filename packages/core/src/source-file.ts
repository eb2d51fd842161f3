/** A file as read from the repository: its repository-relative POSIX path and its UTF-8 text. */
export interface SourceFile {
  path: string;
  text: string;
}
