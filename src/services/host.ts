/** What the services need from the desktop around them: file and folder pickers (the services write the files themselves). Electron and tests each supply one. */
export interface Host {
  /** A folder to write a backup into, or null if the person cancelled. */
  chooseBackupFolder(): Promise<string | null>;
  /** A backup folder to restore from, or null if the person cancelled. */
  chooseRestoreFolder(): Promise<string | null>;
  /** Where to save an exported file (the name suggested), or null if the person cancelled. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
  /** A file to open (a case bundle, a team roster), or null if the person cancelled. */
  chooseOpenFile(title: string): Promise<string | null>;
}
