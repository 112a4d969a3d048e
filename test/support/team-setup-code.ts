/**
 * The team set-up code the tests' team servers are started with (as `HSB_SERVER_SETUP_CODE` would set it),
 * and that whoever creates the test's team gives. Each code creates one team per server database.
 */
export const TEAM_SETUP_CODE = 'TESTS-TEAMS-SETUP-CODE1';
