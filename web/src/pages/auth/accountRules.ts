/** Hints that say the API's rules for account fields (POST /auth/register, PATCH /users/me). */
export const USERNAME_HINT = '3 to 32 letters, digits, _ . or -, starting with a letter or digit.';
export const PASSWORD_HINT = 'At least 8 characters.';
