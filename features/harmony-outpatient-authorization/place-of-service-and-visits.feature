@guide:harmony-outpatient-authorization
Feature: Step 5 – Place of Service, number of visits and date of service
  "Select the appropriate Place of Service and number of visits and select
  Next."

  Where the guide is silent we chose: the Place of Service is one of the 52
  codes CMS has assigned (two digits with a leading zero: 11 is Office);
  every other value, including the unassigned two-digit codes such as 00 and
  30, is refused, and the request shows the code with its CMS name. The
  number of visits is a whole number from 1 to 99. The screen also asks for
  the date of service (MM-DD-YYYY): today or up to 180 days ahead, since
  retroactive requests go through Provider Relations; and whether the
  decision is standard (the default) or expedited. Every mistake on the
  screen is reported at once. Time stands still at Sunday 11-22-2026 9:00 AM
  Eastern time, so the last date that can be asked for is 05-21-2027.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the Place of Service

  Rule: The Place of Service is one of the codes CMS has assigned
    "Select the appropriate Place of Service"

    @step:request-5
    Scenario Outline: Place of Service <code> is <name>
      When Grace selects the Place of Service "<code>"
      Then she may go on to the Diagnosis and Procedure Codes
      And Grace's request reads:
        | Place of Service | <code> <name> |

      Examples: Offices and clinics
        | code | name                              |
        | 11   | Office                            |
        | 49   | Independent Clinic                |
        | 50   | Federally Qualified Health Center |
        | 72   | Rural Health Clinic               |

      Examples: Telehealth and the home
        | code | name                                             |
        | 02   | Telehealth Provided Other than in Patient's Home |
        | 10   | Telehealth Provided in Patient's Home            |
        | 12   | Home                                             |

      Examples: Hospital outpatient departments and surgery centers
        | code | name                           |
        | 19   | Off Campus-Outpatient Hospital |
        | 22   | On Campus-Outpatient Hospital  |
        | 24   | Ambulatory Surgical Center     |

      Examples: Laboratories, rehabilitation and the rest
        | code | name                                             |
        | 81   | Independent Laboratory                           |
        | 62   | Comprehensive Outpatient Rehabilitation Facility |
        | 01   | Pharmacy                                         |
        | 99   | Other Place of Service                           |

    @step:request-5
    Scenario Outline: "<code>" is refused as a Place of Service (<why>)
      When Grace selects the Place of Service "<code>"
      Then she is told "<message>"
      And she is told nothing else

      Examples: Codes CMS has not assigned
        | code | why            | message                                                                                                      |
        | 00   | never assigned | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        | 30   | unassigned     | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        | 40   | unassigned     | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |

      Examples: Not two digits
        | code | why             | message                                                                                                      |
        | 1    | no leading zero | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        | 100  | three digits    | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        | AB   | letters         | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        |      | left empty      | Please enter Place of Service.                                                                               |

  Rule: The number of visits is a whole number from 1 to 99
    "Select the appropriate [...] number of visits"

    @step:request-5
    Scenario Outline: <visits> visit(s) can be asked for
      When Grace asks for "<visits>" visits
      Then she may go on to the Diagnosis and Procedure Codes
      And Grace's request reads:
        | Number of visits | <visits> |

      Examples:
        | visits |
        | 1      |
        | 12     |
        | 99     |

    @step:request-5
    Scenario Outline: "<visits>" is refused as a number of visits (<why>)
      When Grace asks for "<visits>" visits
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | visits | why        | message                                                   |
        | 0      | none       | The number of visits must be a whole number from 1 to 99. |
        | 100    | over 99    | The number of visits must be a whole number from 1 to 99. |
        | 2.5    | not whole  | Number of visits must be a whole number from 1 to 99.     |
        | six    | in words   | Number of visits must be a whole number from 1 to 99.     |
        | -3     | negative   | Number of visits must be a whole number from 1 to 99.     |
        |        | left empty | Please enter number of visits.                            |

  Rule: The date of service is today or up to 180 days ahead
    Not in the guide: online requests are for services not yet given.

    @step:request-5b
    Scenario Outline: A service on <date> (<when>) can be asked for
      When Grace asks for the service on "<date>"
      Then she may go on to the Diagnosis and Procedure Codes
      And Grace's request reads:
        | Date of service | <date>   |
        | Decision        | standard |

      Examples:
        | date       | when                |
        | 11-22-2026 | today               |
        | 11-30-2026 | in eight days       |
        | 05-21-2027 | 180 days from today |

    @step:request-5b
    Scenario Outline: A service on "<date>" is refused (<why>)
      When Grace asks for the service on "<date>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | date       | why                 | message                                                        |
        | 11-21-2026 | yesterday           | The date of service must be between 11-22-2026 and 05-21-2027. |
        | 05-22-2027 | 181 days from today | The date of service must be between 11-22-2026 and 05-21-2027. |
        | 02-30-2027 | no such day         | Please enter date of service as MM-DD-YYYY.                    |
        | next week  | not a date          | Please enter date of service as MM-DD-YYYY.                    |

    @step:request-5b
    Scenario: Grace asks for an expedited decision
      When Grace asks for an "expedited" decision
      Then she may go on to the Diagnosis and Procedure Codes
      And Grace's request reads:
        | Decision | expedited |

    @step:request-5b
    Scenario: A decision can only be standard or expedited
      When Grace asks for an "urgent" decision
      Then she is told 'Priority must be "standard" or "expedited".'
      And she is told nothing else

  Rule: Every mistake on the screen is reported at once
    "Select the appropriate Place of Service and number of visits and select Next."

    @step:request-5 @step:request-5b
    Scenario: Grace is told of every mistake together
      When Grace selects the Place of Service "30" and "0" visits on "11-21-2026"
      Then she sees these messages together:
        | Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office). |
        | The number of visits must be a whole number from 1 to 99.                                                    |
        | The date of service must be between 11-22-2026 and 05-21-2027.                                               |
      And Grace's request reads:
        | Place of Service |  |
