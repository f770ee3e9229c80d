/**
 * The User objects Spreadsheet.getOwner / getEditors and Protection.getEditors return. Only the
 * email is known about a person in the emulator.
 */
import { UserStub } from '../generated/stubs';

export class FakeUser extends UserStub implements GoogleAppsScript.Base.User {
  constructor(private readonly email: string) {
    super();
  }

  override getEmail(): string {
    return this.email;
  }
}
