@guide:harmony-outpatient-authorization
Feature: Step 9 – Phone and fax numbers
  "You must enter a 10-digit phone number and fax number. You may also enter
  a Servicing Provider's fax number."

  Where the guide is silent we chose: a 10-digit number is a North American
  number: typed with or without punctuation and a leading 1; the area code
  and the exchange start with 2 to 9 and are not N11 service codes (211 to
  911); no area code has 9 as its second digit. The request shows numbers
  as (813) 555-0142.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the phone and fax numbers

  Rule: A phone number and a fax number are required, each of 10 digits
    "You must enter a 10-digit phone number and fax number."

    @step:request-9
    Scenario Outline: Numbers typed <how> are accepted
      When Grace gives the phone number "<phone>" and the fax number "<fax>"
      Then she may go on to the Submit button
      And Grace's request reads:
        | Phone number | (813) 555-0142 |
        | Fax number   | (813) 555-0199 |

      Examples:
        | how                   | phone           | fax              |
        | as on a letterhead    | (813) 555-0142  | (813) 555-0199   |
        | with dashes           | 813-555-0142    | 813-555-0199     |
        | as bare digits        | 8135550142      | 8135550199       |
        | with the country code | +1 813 555 0142 | 1 (813) 555-0199 |
        | with dots             | 813.555.0142    | 813.555.0199     |

    @step:request-9
    Scenario Outline: A phone number "<phone>" is refused (<why>)
      When Grace gives the phone number "<phone>" and the fax number "(813) 555-0199"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | phone           | why                                     | message                                                                                                                     |
        |                 | left empty                              | Please enter phone number.                                                                                                  |
        | (813) 555-014   | nine digits                             | Phone number must be a 10-digit US phone number: it has 9 digits.                                                           |
        | (813) 555-01423 | eleven digits not starting with 1       | Phone number must be a 10-digit US phone number: it has 11 digits.                                                          |
        | (411) 555-0142  | 411 is a service code, not an area code | Phone number must be a 10-digit US phone number: 411 is a service code, not an area code.                                   |
        | (813) 911-0142  | an N11 exchange                         | Phone number must be a 10-digit US phone number: 911 is a service code, not an exchange.                                    |
        | (893) 555-0142  | 9 as the area code's second digit       | Phone number must be a 10-digit US phone number: no area code has 9 as its second digit.                                    |
        | (113) 555-0142  | an area code starting with 1            | Phone number must be a 10-digit US phone number: the area code and the exchange start with 2 to 9.                          |
        | (813) 155-0142  | an exchange starting with 1             | Phone number must be a 10-digit US phone number: the area code and the exchange start with 2 to 9.                          |
        | (813) 555-CALL  | letters                                 | Phone number must be a 10-digit US phone number: digits only, with optional spaces, dots, dashes, brackets and a leading +. |

    @step:request-9
    Scenario Outline: A fax number "<fax>" is refused (<why>)
      When Grace gives the phone number "(813) 555-0142" and the fax number "<fax>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | fax            | why                               | message                                                                                 |
        |                | left empty                        | Please enter fax number.                                                                |
        | 555-0199       | seven digits, no area code        | Fax number must be a 10-digit US phone number: it has 7 digits.                         |
        | (911) 555-0199 | an N11 area code                  | Fax number must be a 10-digit US phone number: 911 is a service code, not an area code. |
        | (898) 555-0199 | 9 as the area code's second digit | Fax number must be a 10-digit US phone number: no area code has 9 as its second digit.  |

    @step:request-9
    Scenario: Neither number is given
      When Grace gives the phone number "" and the fax number ""
      Then she sees these messages together:
        | Please enter phone number. |
        | Please enter fax number.   |
      And Grace's request reads:
        | Phone number |  |

  Rule: The Servicing Provider's fax number is optional
    "You may also enter a Servicing Provider's fax number."

    @step:request-9a
    Scenario: Grace gives the servicing provider's fax number too
      When Grace gives the phone number "(813) 555-0142", the fax number "(813) 555-0199" and the Servicing Provider's fax number "727-555-0188"
      Then she may go on to the Submit button
      And Grace's request reads:
        | Servicing Provider's fax number | (727) 555-0188 |

    @step:request-9a
    Scenario: Grace leaves the servicing provider's fax number out
      When Grace gives the phone number "(813) 555-0142" and the fax number "(813) 555-0199"
      Then she may go on to the Submit button
      And Grace's request reads:
        | Servicing Provider's fax number | none |

    @step:request-9a
    Scenario: A servicing provider's fax number that is not a 10-digit number is refused
      When Grace gives the phone number "(813) 555-0142", the fax number "(813) 555-0199" and the Servicing Provider's fax number "(727) 555-018"
      Then she is told "Servicing Provider's fax number must be a 10-digit US phone number: it has 9 digits."
      And she is told nothing else
