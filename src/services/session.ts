/** Who is running this execution. */

/** The active user's email, lower-cased; '' when Google does not reveal it. */
export function activeUserEmail(): string {
  return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
}
