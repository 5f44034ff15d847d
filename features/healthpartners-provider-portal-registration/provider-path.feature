@guide:healthpartners-provider-portal-registration
Feature: Provider step 4 – choose a path and complete the required fields
  "Instant registration can be completed today with: your tax id, a
  HealthPartners issued check #, NPI or vendor # (listed on the check). No
  check #, no problem. You can register using the US Mail option to receive
  a PIN." Step 4: "Choose one a path (Tax ID/NPI, Tax ID/Vendor# or US
  Mail) and complete required fields."

  Where the guide is silent we chose: the Tax ID/NPI path asks for the Tax
  ID, the NPI and the check #; the Tax ID/Vendor# path for the Tax ID, the
  vendor # and the check #; the US Mail path for the Tax ID and the NPI, or
  the vendor # instead of the NPI, and no check # (see us-mail-pin.feature).
  A check # is the one thing on the instant paths a stranger cannot read in
  a directory, so checks that match nothing are counted per Tax ID (here and
  in billing organizations' client look-ups alike): after 10 in a row the
  Tax ID waits an hour, even for the right check; the US Mail option stays
  open. A field the chosen path does not use must be left empty. Every mistake of
  the form is reported at once, before anything is looked up. A Tax ID is
  nine digits (bare, 12-3456789 or 123-45-6789); an NPI is ten digits with
  its check digit; a check # is 6 to 12 digits, as printed on the check (a
  leading "#" and blanks are ignored); a vendor # is 4 to 12 letters or
  digits, in any letter case. On the instant paths the Tax ID, the check #
  and the NPI or vendor # must together match one check HealthPartners
  issued; when they do not, one message names no field, so nobody can learn
  which part was right, and it points to the US Mail option. The providers
  then listed are those on HealthPartners' records under that Tax ID with
  that NPI or vendor #.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                   | Tax ID     | NPI        | vendor # | address of record                   |
      | LFC0001  | Lakeside Family Clinic | 41-1234567 | 1234567893 | LFC2040  | 2500 Como Ave, Saint Paul, MN 55108 |
    And HealthPartners issued these checks:
      | check # | Tax ID     | NPI        | vendor # | amount  | issued on  |
      | 4410021 | 41-1234567 | 1234567893 | LFC2040  | 1250.00 | 2026-10-30 |
    And Grace Okafor works for "Lakeside Family Clinic"

  Rule: Instant registration needs the Tax ID, a HealthPartners check # and the NPI or vendor # on the check
    "Instant registration can be completed today with: your tax id, a
    HealthPartners issued check #, NPI or vendor # (listed on the check)"

    @step:providers-1 @step:provider-4
    Scenario Outline: Grace registers today by the <path> path
      When Grace chooses the <path> path
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |
      When she selects her provider
      Then she may go on to give her contact information

      Examples:
        | path           |
        | Tax ID/NPI     |
        | Tax ID/Vendor# |

    @step:providers-1 @step:provider-4
    Scenario Outline: The <path> path cannot be taken without the check #
      When Grace chooses the <path> path leaving out the check #
      Then she is told "Please enter your check #." for the check #
      And she is told nothing else

      Examples:
        | path           |
        | Tax ID/NPI     |
        | Tax ID/Vendor# |

  Rule: Each path has its own required fields, and every mistake is reported at once
    "Choose one a path (Tax ID/NPI, Tax ID/Vendor# or US Mail) and complete
    required fields."

    @step:provider-4
    Scenario: The Tax ID/NPI path with every field empty
      When Grace chooses the Tax ID/NPI path leaving every field empty
      Then she is told, all at once:
        | Tax ID  | Please enter your Tax ID.  |
        | NPI     | Please enter your NPI.     |
        | check # | Please enter your check #. |

    @step:provider-4
    Scenario: The Tax ID/Vendor# path with every field empty
      When Grace chooses the Tax ID/Vendor# path leaving every field empty
      Then she is told, all at once:
        | Tax ID   | Please enter your Tax ID.   |
        | vendor # | Please enter your vendor #. |
        | check #  | Please enter your check #.  |

    @step:provider-4
    Scenario: The US Mail path with every field empty asks for no check #
      When Grace chooses the US Mail path leaving every field empty
      Then she is told, all at once:
        | Tax ID | Please enter your Tax ID. |
        | NPI    | Please enter your NPI.    |

    @step:provider-4
    Scenario Outline: The <field> written "<value>" is accepted (<why>)
      When Grace chooses the <path> path with the <field> "<value>"
      And she selects her provider
      Then she may go on to give her contact information

      Examples:
        | path           | field    | value       | why                               |
        | Tax ID/NPI     | Tax ID   | 411234567   | nine bare digits                  |
        | Tax ID/NPI     | check #  | #4410021    | with the "#" printed before it    |
        | Tax ID/NPI     | check #  | 441 0021    | with a blank                      |
        | Tax ID/Vendor# | vendor # | lfc2040     | in lower case                     |
        | US Mail        | Tax ID   | 41-1234567  | with its dash                     |

    @step:provider-4
    Scenario Outline: The <field> written "<value>" is refused (<why>)
      When Grace chooses the <path> path with the <field> "<value>"
      Then she is told "<message>" for the <field>
      And she is told nothing else

      Examples:
        | path           | field    | value         | why                  | message                                                                              |
        | Tax ID/NPI     | check #  | 44100         | five digits          | Check # must be the 6 to 12 digit check number printed on a HealthPartners check.    |
        | Tax ID/NPI     | check #  | 4410021000000 | thirteen digits      | Check # must be the 6 to 12 digit check number printed on a HealthPartners check.    |
        | Tax ID/NPI     | check #  | 44100-21      | with a dash          | Check # must be the 6 to 12 digit check number printed on a HealthPartners check.    |
        | Tax ID/Vendor# | vendor # | LFC           | three characters     | Vendor # must be the 4 to 12 letter or digit vendor number listed on the check.      |
        | Tax ID/Vendor# | vendor # | LFC-2040      | a symbol             | Vendor # must be the 4 to 12 letter or digit vendor number listed on the check.      |
        | Tax ID/NPI     | Tax ID   | 41-123456     | eight digits         | Tax ID must be 9 digits, written 123456789, 12-3456789 or 123-45-6789.               |
        | Tax ID/NPI     | vendor # | LFC2040       | not on this path     | Vendor # must be empty.                                                              |
        | US Mail        | check #  | 4410021       | not on this path     | Check # must be empty.                                                               |

  Rule: A check that does not match is refused without naming a field
    The issue: "A check mismatch names no field." The message points to the
    US Mail option, which needs no check.

    @step:rules-2
    Scenario Outline: The check # matches when typed <how>
      When Grace chooses the Tax ID/NPI path with the Tax ID "<tax id>", the NPI "1234567893" and the check # "<check>"
      And she selects her provider
      Then she may go on to give her contact information

      Examples:
        | how                                  | tax id      | check    |
        | as printed                           | 41-1234567  | 4410021  |
        | with the Tax ID as nine bare digits  | 411234567   | 4410021  |
        | with "#" before the check #          | 41-1234567  | #4410021 |

    @step:rules-2
    Scenario Outline: A well-formed proof that matches no check (<why>)
      When Grace chooses the <path> path with the Tax ID "<tax id>", the <field> "<value>" and the check # "<check>"
      Then she is told "We could not match this information to a HealthPartners check. Please check the Tax ID, check # and NPI or vendor # as printed on the check, or choose the US Mail option."
      And no field is singled out

      Examples:
        | why                              | path           | tax id     | field    | value      | check   |
        | a check # HealthPartners never issued | Tax ID/NPI | 41-1234567 | NPI      | 1234567893 | 4410022 |
        | another Tax ID than the check's  | Tax ID/NPI     | 41-7654321 | NPI      | 1234567893 | 4410021 |
        | another NPI than the check's     | Tax ID/NPI     | 41-1234567 | NPI      | 1456789019 | 4410021 |
        | another vendor # than the check's | Tax ID/Vendor# | 41-1234567 | vendor # | LFC2041    | 4410021 |
        | nothing right                    | Tax ID/Vendor# | 41-7654321 | vendor # | NSB0001    | 9900001 |

  Rule: Guessing check numbers is slowed down
    A check # proves a provider at once; the Tax ID and the NPI are printed
    in directories, so guesses are counted per Tax ID.

    @step:rules-2
    Scenario: After 10 check #s that match nothing, the Tax ID waits an hour
      Given Grace chooses the Tax ID/NPI path 10 times with check #s that match no check
      When she chooses the Tax ID/NPI path
      Then she is told "Too many attempts did not match a HealthPartners check. Please try again in an hour, or choose the US Mail option."

    @step:rules-2
    Scenario: An hour later the right check registers
      Given Grace chooses the Tax ID/NPI path 10 times with check #s that match no check
      When 1 hour passes
      And she chooses the Tax ID/NPI path
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |

    @step:rules-2
    Scenario: Nine misses and then the right check still registers
      Given Grace chooses the Tax ID/NPI path 9 times with check #s that match no check
      When she chooses the Tax ID/NPI path
      Then she is asked to select her provider from:
        | name                   | address                             |
        | Lakeside Family Clinic | 2500 Como Ave, Saint Paul, MN 55108 |
