@guide:harmony-web-registration
Feature: Step 6 – Create a password of your preference, and keep it
  "Use this password to log onto the Web site and create a password of your
  preference. Be sure to keep your username and password for future
  reference."

  Where the guide is silent we chose NIST SP 800-63B-4 for a password used
  alone: 15 to 128 characters, any characters (spaces and accents too), no
  rule about kinds of character; common passwords and passwords that
  contain the username are refused. The new password is typed twice. The
  temporary password can never become the long-term one: choosing it is
  refused, and once a password of one's own is chosen the temporary
  password no longer signs in. No temporary password the plan sent, the
  current one or an earlier one still within its 30 days, can be chosen
  later either (OWASP ASVS 6.4.1): the plan remembers each only as a keyed
  hash, until it expires. A password of one's own does not expire.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Grace has registered her practice with the username "GOkafor"

  Rule: Signing in with the temporary password requires choosing a password of one's own
    "Use this password to log onto the Web site and create a password of your preference."

    @step:step-6 @step:step-6c
    Scenario: Grace replaces her temporary password and signs in with her own
      Given Grace logs on with her temporary password
      When Grace replaces her temporary password with "sunrise over tampa bay"
      And Grace signs in with her username and password
      Then she is signed in for her practice

  Rule: A password of one's own has 15 to 128 characters, is not common, and does not contain the username
    The guide is silent: NIST SP 800-63B-4, for a password used alone.

    @step:step-6c
    Scenario Outline: "<password>" is accepted (<why>)
      When Grace replaces her temporary password with "<password>"
      Then Grace can sign in with the password "<password>"

      Examples:
        | password                                                                                                                         | why                      |
        | sunrise over tampa bay                                                                                                           | a passphrase with spaces |
        | riversidefamily                                                                                                                  | exactly 15 characters    |
        | café con leche à midi                                                                                                            | accented letters         |
        | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | exactly 128 characters   |

    @step:step-6c
    Scenario Outline: "<password>" is refused (<why>)
      When Grace replaces her temporary password with "<password>"
      Then she is told "<message>" for the new password
      And she is told nothing else

      Examples: Too short or too long
        | password                                                                                                                          | why            | message                                            |
        | riversidefamil                                                                                                                    | 14 characters  | Your password must be at least 15 characters long. |
        | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | 129 characters | Your password must be at most 128 characters long. |

      Examples: Too common
        | password                  | why                             | message                                             |
        | correcthorsebatterystaple | a famous example                | That password is too common. Please choose another. |
        | PasswordPassword          | common, in any letter case      | That password is too common. Please choose another. |

      Examples: Containing the username
        | password               | why                           | message                                       |
        | gokafor riverside 2026 | the username in lower case    | Your password must not contain your username. |
        | RiversideGOKAFOR2026   | the username in capitals      | Your password must not contain your username. |

    @step:step-6c
    Scenario: The new password is typed twice, and both must match
      When Grace replaces her temporary password with "sunrise over tampa bay" confirmed as "sunrise over tampa bat"
      Then she is told "The passwords do not match." for the password confirmation

  Rule: The temporary password can never become the long-term one
    "create a password of your preference": the plan's password is not one's preference.

    @step:step-6c
    Scenario: Choosing the temporary password itself is refused
      When Grace replaces her temporary password with the temporary password itself
      Then she is told "Please choose a password of your own, not a temporary password we sent you." for the new password

    @step:step-6 @step:step-6c
    Scenario: Changing back to the temporary password later is refused
      Given Grace has chosen a password of her own
      When 20 days pass
      And Grace changes her password to the temporary password from her first e-mail
      Then she is told "Please choose a password of your own, not a temporary password we sent you." for the new password

    @step:step-6 @step:step-6b
    Scenario: Once past its 30 days, the old temporary password is forgotten and may be chosen like any other
      Given Grace has chosen a password of her own
      When 30 days pass
      And Grace changes her password to the temporary password from her first e-mail
      And Grace signs in with her username and password
      Then she is signed in for her practice

    @step:step-6c
    Scenario: Once replaced, the temporary password no longer signs in
      Given Grace has chosen a password of her own
      When Grace logs on with her temporary password
      Then she is told "The username or password is incorrect."

  Rule: Keep your username and password: they are what Grace signs in with from now on
    "Be sure to keep your username and password for future reference."

    @step:step-6d
    Scenario: The e-mail reminds Grace to keep her username and password
      Then Grace receives an e-mail with a temporary password
      And the e-mail says "Be sure to keep your username and password for future reference."

    @step:step-6d
    Scenario: Months later, Grace signs in with the same username and password
      Given Grace has chosen a password of her own
      When 180 days pass
      And Grace signs in with her username and password
      Then she is signed in for her practice

    @step:step-6d
    Scenario: Grace's username is recognised in any letter case
      Given Grace has chosen a password of her own
      When Grace signs in as "gokafor" with her password
      Then she is signed in for her practice
