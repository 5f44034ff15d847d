@guide:harmony-outpatient-authorization
Feature: Step 6 – Diagnosis Code(s) and Procedure Code(s)
  "Select the Diagnosis Code(s) and Procedure Code(s) and select Next."

  Where the guide is silent we chose: diagnoses are ICD-10-CM codes, 1 to 12
  of them, the primary first; the dot is optional and letter case does not
  matter, and the request keeps the dotted capital form (m5450 is M54.50).
  Only a code that is billable in the ICD-10-CM release in force on the date
  of service is accepted: a category or subcategory heading such as J45
  (Asthma) is refused with a request for a more specific code. Procedures
  are 1 to 10 codes: CPT Category I (5 digits), Category II (4 digits and
  F), Category III (4 digits and T), CPT Proprietary Laboratory Analyses
  (PLA: 4 digits and U) or HCPCS Level II (a letter A to V and 4 digits). No code may be listed twice. Codes are typed separated by
  commas, semicolons or blanks. The date of service here is 11-29-2026.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the Diagnosis and Procedure Codes

  Rule: Diagnoses are billable ICD-10-CM codes, typed with or without the dot, in any letter case
    "Select the Diagnosis Code(s)"

    @step:request-6
    Scenario Outline: "<typed>" is accepted as <recorded> (<why>)
      When Grace selects the Diagnosis Code "<typed>"
      Then she may go on to the Servicing Provider ID
      And Grace's request reads:
        | Diagnosis Code(s) | <recorded> |

      Examples:
        | typed   | recorded | why                                      |
        | M54.50  | M54.50   | low back pain, with the dot              |
        | M5450   | M54.50   | without the dot                          |
        | m54.50  | M54.50   | in lower case                            |
        | I10     | I10      | a category that is itself billable       |
        | E11.9   | E11.9    | type 2 diabetes without complications    |
        | J45.909 | J45.909  | unspecified asthma, uncomplicated        |
        | t360x1a | T36.0X1A | seven characters, with the placeholder X |
        | Z00.00  | Z00.00   | general adult medical examination        |

    @step:request-6
    Scenario: Several diagnoses keep the order they were typed in, the primary first
      When Grace selects the Diagnosis Codes "M54.50, I10; e119 R51.9"
      Then she may go on to the Servicing Provider ID
      And Grace's request reads:
        | Diagnosis Code(s) | M54.50, I10, E11.9, R51.9 |

    @step:request-6
    Scenario Outline: <code> is refused: a heading, not a billable code (<what>)
      When Grace selects the Diagnosis Code "<code>"
      Then she is told "<code> is not a billable ICD-10-CM code on 11-29-2026. Please choose a more specific code."
      And she is told nothing else

      Examples:
        | code   | what                     |
        | J45    | Asthma                   |
        | J45.90 | Unspecified asthma       |
        | M54    | Dorsalgia                |
        | M54.5  | Low back pain            |
        | E11    | Type 2 diabetes mellitus |
        | R51    | Headache                 |

    @step:request-6
    Scenario Outline: "<typed>" is refused: not an ICD-10-CM code (<why>)
      When Grace selects the Diagnosis Code "<typed>"
      Then she is told "Diagnosis code 1 must be an ICD-10-CM code: a letter, a digit, a digit or letter, then up to 4 letters or digits after an optional dot (e.g. E11.9)."
      And she is told nothing else

      Examples:
        | typed     | why                                     |
        | 5450      | starts with a digit                     |
        | MM4.50    | a letter where the digit belongs        |
        | M54..50   | two dots                                |
        | M5.450    | the dot in the wrong place              |
        | M54.50123 | more than 7 characters                  |
        | M54.X     | the placeholder X with no 7th character |
        | M54-50    | a dash                                  |

  Rule: One to twelve diagnoses, none twice
    "Select the Diagnosis Code(s)"

    @step:request-6
    Scenario: Twelve diagnoses are accepted
      When Grace selects 12 different billable Diagnosis Codes
      Then she may go on to the Servicing Provider ID
      And Grace's request reads:
        | Diagnosis Code(s) | M54.50, M54.51, M54.59, I10, E11.9, J45.909, J45.901, J45.902, R51.9, R51.0, R05.1, R05.9 |

    @step:request-6
    Scenario: A thirteenth diagnosis is one too many
      When Grace selects 13 different billable Diagnosis Codes
      Then she is told "Please enter at most 12 Diagnosis Code(s)."
      And she is told nothing else

    @step:request-6
    Scenario: The same diagnosis typed twice, in two ways, is refused
      When Grace selects the Diagnosis Codes "M54.50, m5450"
      Then she is told "M54.50 is entered twice."
      And she is told nothing else

    @step:request-6
    Scenario: At least one diagnosis is needed
      When Grace selects the Diagnosis Codes ""
      Then she is told "Please enter Diagnosis Code(s)."
      And she is told nothing else

  Rule: Procedures are CPT (Category I, II or III, or PLA) or HCPCS Level II codes
    "Select [...] Procedure Code(s)"

    @step:request-6
    Scenario Outline: <code> is accepted as a <system> code (<what>)
      When Grace selects the Procedure Code "<typed>"
      Then she may go on to the Servicing Provider ID
      And the procedure code "<code>" is recorded as <system>

      Examples: CPT
        | typed | code  | system           | what                              |
        | 97110 | 97110 | CPT Category I   | therapeutic exercise              |
        | 99213 | 99213 | CPT Category I   | office visit, established patient |
        | 3074F | 3074F | CPT Category II  | a performance measure             |
        | 0042T | 0042T | CPT Category III | an emerging technology            |
        | 0042t | 0042T | CPT Category III | typed in lower case               |

      Examples: CPT Proprietary Laboratory Analyses (PLA)
        | typed | code  | system  | what                                  |
        | 0001U | 0001U | CPT PLA | a proprietary laboratory analysis     |
        | 0242U | 0242U | CPT PLA | a targeted genomic sequence analysis  |
        | 0037u | 0037U | CPT PLA | typed in lower case                   |

      Examples: HCPCS Level II
        | typed | code  | system         | what                                  |
        | J1100 | J1100 | HCPCS Level II | dexamethasone injection               |
        | E0114 | E0114 | HCPCS Level II | crutches                              |
        | g0283 | G0283 | HCPCS Level II | electrical stimulation, in lower case |

    @step:request-6
    Scenario Outline: "<typed>" is refused as a procedure code (<why>)
      When Grace selects the Procedure Code "<typed>"
      Then she is told "Procedure code 1 must be a CPT code (5 digits; or 4 digits and F, T or U) or a HCPCS Level II code (a letter A to V and 4 digits)."
      And she is told nothing else

      Examples:
        | typed  | why                                        |
        | 9711   | four digits                                |
        | 971100 | six digits                                 |
        | 3074G  | four digits and a letter other than F, T or U |
        | W1234  | HCPCS Level II letters run from A to V     |
        | J110   | a letter and three digits                  |
        | 97-110 | a dash                                     |

  Rule: One to ten procedures, none twice
    "Select [...] Procedure Code(s)"

    @step:request-6
    Scenario: Ten procedures are accepted
      When Grace selects 10 different Procedure Codes
      Then she may go on to the Servicing Provider ID
      And Grace's request reads:
        | Procedure Code(s) | 97110, 97112, 97116, 97140, 97530, 97535, 97750, 97760, 97761, 97763 |

    @step:request-6
    Scenario: An eleventh procedure is one too many
      When Grace selects 11 different Procedure Codes
      Then she is told "Please enter at most 10 Procedure Code(s)."
      And she is told nothing else

    @step:request-6
    Scenario: The same procedure typed twice is refused
      When Grace selects the Procedure Codes "97110 97140 97110"
      Then she is told "97110 is entered twice."
      And she is told nothing else

    @step:request-6
    Scenario: Every mistake on the screen is reported at once
      When Grace selects the Diagnosis Codes "" and the Procedure Codes "9711"
      Then she sees these messages together:
        | Please enter Diagnosis Code(s).                                                                                                               |
        | Procedure code 1 must be a CPT code (5 digits; or 4 digits and F, T or U) or a HCPCS Level II code (a letter A to V and 4 digits). |
      And Grace's request reads:
        | Diagnosis Code(s) |  |
