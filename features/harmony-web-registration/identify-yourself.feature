@guide:harmony-web-registration
Feature: Step 3 – Identify yourself
  "Complete the registration form by submitting your Provider ID, ZIP code
  and Tax ID. Please note that your Provider ID appears in your welcome
  packet and on your Explanation of Payment copies."

  Where the guide is silent we chose: each field's format is checked first,
  and every format mistake is reported at once, before anything is looked
  up. A Provider ID is 6 to 10 letters or digits, read regardless of letter
  case, spaces and dashes. A ZIP code is five digits or ZIP+4 (with or
  without its dash) and matches on its first five digits. A Tax ID is nine
  digits, written bare, as an EIN (59-1234567) or as an SSN (591-23-4567);
  a number that is never issued is refused with the reason: an EIN prefix
  the IRS never assigns (00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96,
  97); an SSN with area 000, 666 or 900–999 (unless an ITIN: 9, then 50–65,
  70–88, 90–92 or 94–99 as its 4th and 5th digits), group 00 or serial 0000;
  nine bare digits only when they can be neither.
  Then the three must together match one provider on Harmony's directory;
  when they do not, one message names no field, so that nobody can learn
  which of the three was right. A provider registers once.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"

  Rule: The Provider ID, ZIP code and Tax ID are all required
    "Complete the registration form by submitting your Provider ID, ZIP code and Tax ID."

    @step:step-3
    Scenario: Grace identifies her practice
      When Grace identifies her practice
      Then she may go on to tell Harmony about the practice

    @step:step-3
    Scenario: Grace submits the form empty
      When Grace identifies her practice leaving every field empty
      Then she is told, all at once:
        | Provider ID | Please enter Provider ID. |
        | ZIP code    | Please enter ZIP code.    |
        | Tax ID      | Please enter Tax ID.      |

    @step:step-3
    Scenario Outline: Grace leaves out the <field>
      When Grace identifies her practice leaving out the <field>
      Then she is told "Please enter <field>." for the <field>
      And she is told nothing else

      Examples:
        | field       |
        | Provider ID |
        | ZIP code    |
        | Tax ID      |

  Rule: Each field must be in its format, and every mistake is reported before anything is looked up
    The guide gives no formats: see the Feature's description for ours.

    @step:step-3
    Scenario Outline: The <field> written "<value>" is accepted (<why>)
      When Grace identifies her practice with the <field> "<value>"
      Then she may go on to tell Harmony about the practice

      Examples: ZIP codes
        | field    | value      | why                           |
        | ZIP code | 33602      | five digits                   |
        | ZIP code | 33602-1234 | ZIP+4                         |
        | ZIP code | 336021234  | ZIP+4 without its dash        |

      Examples: Tax IDs
        | field  | value       | why                                    |
        | Tax ID | 59-1234567  | an EIN                                 |
        | Tax ID | 591234567   | nine bare digits                       |
        | Tax ID | 591-23-4567 | the same nine digits written as an SSN |

      Examples: Provider IDs
        | field       | value     | why             |
        | Provider ID | HP001234  | as on the EOP   |
        | Provider ID | hp001234  | in lower case   |
        | Provider ID | HP 001234 | with a space    |
        | Provider ID | HP-001234 | with a dash     |

    @step:step-3
    Scenario Outline: The <field> written "<value>" is refused (<why>)
      When Grace identifies her practice with the <field> "<value>"
      Then she is told "<message>" for the <field>
      And she is told nothing else

      Examples: ZIP codes
        | field    | value    | why            | message                                                  |
        | ZIP code | 3360     | four digits    | ZIP code must be 5 digits, or ZIP+4 (5 digits, a dash and 4 digits). |
        | ZIP code | 33602-12 | a broken ZIP+4 | ZIP code must be 5 digits, or ZIP+4 (5 digits, a dash and 4 digits). |
        | ZIP code | 00000    | all zeros      | ZIP code must be 5 digits, or ZIP+4 (5 digits, a dash and 4 digits). |
        | ZIP code | Tampa    | a city         | ZIP code must be 5 digits, or ZIP+4 (5 digits, a dash and 4 digits). |

      Examples: Tax IDs
        | field  | value       | why                     | message                                             |
        | Tax ID | 59-123456   | eight digits            | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789. |
        | Tax ID | 59-12345678 | ten digits              | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789. |
        | Tax ID | 5912-34567  | a dash out of place     | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789. |
        | Tax ID | 00-0000000  | all zeros               | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789. |

      Examples: Tax IDs that are never issued
        | field  | value       | why                               | message                                                                                                                                                    |
        | Tax ID | 666-12-3456 | SSN area 666                      | Tax ID must be a number the IRS or the Social Security Administration issues: 666 is never issued as an SSN area number.                                  |
        | Tax ID | 000-12-3456 | SSN area 000                      | Tax ID must be a number the IRS or the Social Security Administration issues: 000 is never issued as an SSN area number.                                  |
        | Tax ID | 912-34-5678 | SSN area 900–999, not an ITIN     | Tax ID must be a number the IRS or the Social Security Administration issues: 912 is never issued as an SSN area number, and 34 cannot be an ITIN's 4th and 5th digits, which are 50–65, 70–88, 90–92 or 94–99. |
        | Tax ID | 123-00-4567 | SSN group 00                      | Tax ID must be a number the IRS or the Social Security Administration issues: 00 is never issued as an SSN group number.                                  |
        | Tax ID | 123-45-0000 | SSN serial 0000                   | Tax ID must be a number the IRS or the Social Security Administration issues: 0000 is never issued as an SSN serial number.                               |
        | Tax ID | 07-1234567  | an EIN prefix the IRS never gives | Tax ID must be a number the IRS or the Social Security Administration issues: 07 is never assigned as an EIN prefix.                                      |
        | Tax ID | 970012345   | nine digits that can be neither   | Tax ID must be a number the IRS or the Social Security Administration issues: as an EIN, 97 is never assigned as an EIN prefix; as an SSN, 970 is never issued as an SSN area number, and 01 cannot be an ITIN's 4th and 5th digits, which are 50–65, 70–88, 90–92 or 94–99. |

      Examples: Provider IDs
        | field       | value       | why                | message                                                                                              |
        | Provider ID | HP123       | five characters    | Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |
        | Provider ID | HP001234567 | eleven characters  | Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |
        | Provider ID | HP#01234    | a symbol           | Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |

    @step:step-3 @step:step-3a
    Scenario: Every malformed field is reported at once, before any lookup
      When Grace identifies a practice with Provider ID "HP12", ZIP code "3360" and Tax ID "59-123456"
      Then she is told, all at once:
        | Provider ID | Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |
        | ZIP code    | ZIP code must be 5 digits, or ZIP+4 (5 digits, a dash and 4 digits).                                             |
        | Tax ID      | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789.                                                  |

  Rule: The Provider ID is the one in the welcome packet and on the Explanations of Payment
    "Please note that your Provider ID appears in your welcome packet and on your
    Explanation of Payment copies."

    @step:step-3a
    Scenario: Grace types the Provider ID from her welcome packet in lower case
      When Grace identifies her practice with the Provider ID "hp001234"
      Then she may go on to tell Harmony about the practice

    @step:step-3a
    Scenario: A Provider ID that cannot be one points Grace to her welcome packet
      When Grace identifies her practice with the Provider ID "HP-12"
      Then she is told "Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment." for the Provider ID

  Rule: The three together must match one provider, and the answer never says which one was wrong
    "If you have any questions, please contact your Provider Relations representative."

    @step:step-3 @step:intro-4
    Scenario Outline: A well-formed identity that matches no provider (<why>)
      When Grace identifies a practice with Provider ID "<provider id>", ZIP code "<zip code>" and Tax ID "<tax id>"
      Then she is told "We could not find a provider with this Provider ID, ZIP code and Tax ID. Please check them, or contact your Provider Relations representative."
      And no field is singled out

      Examples:
        | provider id | zip code   | tax id     | why                        |
        | HP001234    | 33603      | 59-1234567 | another ZIP code           |
        | HP001234    | 33603-1234 | 59-1234567 | another ZIP+4              |
        | HP001234    | 33602      | 59-7654321 | another Tax ID             |
        | HP009999    | 33602      | 59-1234567 | a Provider ID not on file  |
        | HP009999    | 33699      | 59-7654321 | nothing right              |

  Rule: A provider registers once
    Its further users are added through Provider Relations, not by registering again.

    @step:step-3 @step:intro-4
    Scenario: A colleague cannot register the practice a second time
      Given Grace has registered her practice
      And Daniel Reyes also works at "Riverside Family Practice"
      When Daniel identifies his practice
      Then he is told "This provider is already registered. Please contact your Provider Relations representative to add users."
