@guide:harmony-outpatient-authorization
Feature: Step 7 – The Servicing Provider ID, or a provider looked up by name
  "Enter the Servicing Provider ID number and select Next. You can also look
  up a provider by name."

  Where the guide is silent we chose: the servicing provider is named like
  the requesting one, by the plan's Provider ID or by its NPI (check digit
  enforced), and must be on the plan's directory; it may be any provider
  there, not only one the user's account acts for. A lookup by name finds
  every provider whose name holds all the words typed (letter case and
  accents do not matter; at least 2 characters): one is chosen at once,
  several are listed (in alphabetical order, with their Provider IDs and
  NPIs) for the user to choose from by Provider ID.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the Servicing Provider ID

  Rule: The servicing provider is named by its Provider ID or its NPI
    "Enter the Servicing Provider ID number and select Next."

    @step:request-7
    Scenario Outline: Grace names the physical therapists by <how>
      Given the plan's provider directory also lists:
        | name                        | Provider ID | NPI        | ZIP code | Tax ID     |
        | Gulf Coast Physical Therapy | HP007310    | 1548236714 | 33609    | 59-2468013 |
      When Grace enters the Servicing Provider ID "<typed>"
      Then she may go on to the clinicals
      And Grace's request reads:
        | Servicing Provider | HP007310 Gulf Coast Physical Therapy |

      Examples:
        | how                           | typed      |
        | their Provider ID             | HP007310   |
        | their Provider ID, lower case | hp007310   |
        | their NPI                     | 1548236714 |

    @step:request-7
    Scenario: Grace's own practice may also be the servicing provider
      When Grace enters the Servicing Provider ID "HP001234"
      Then she may go on to the clinicals
      And Grace's request reads:
        | Servicing Provider | HP001234 Riverside Family Practice |

    @step:request-7
    Scenario Outline: "<typed>" is refused (<why>)
      When Grace enters the Servicing Provider ID "<typed>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | typed      | why                             | message                                                                                                        |
        |            | left empty                      | Please enter Servicing Provider ID.                                                                            |
        | 1548236710 | an NPI with a wrong check digit | Servicing Provider ID must be 10 digits starting with 1 or 2, the last a valid check digit.                    |
        | HP7310     | a Provider ID nobody has        | We could not find that provider. Please check the Servicing Provider ID.                                       |
        | 1446712097 | a valid NPI nobody has          | We could not find that provider. Please check the Servicing Provider ID.                                       |
        | HP 73#10   | not letters and digits          | Servicing Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |

  Rule: A provider can be looked up by name
    "You can also look up a provider by name."

    @step:request-7a
    Scenario Outline: One provider's name holds "<typed>"
      Given the plan's provider directory also lists:
        | name                        | Provider ID | NPI        | ZIP code | Tax ID     |
        | Gulf Coast Physical Therapy | HP007310    | 1548236714 | 33609    | 59-2468013 |
      When Grace looks up the servicing provider "<typed>"
      Then she may go on to the clinicals
      And Grace's request reads:
        | Servicing Provider | HP007310 Gulf Coast Physical Therapy |

      Examples:
        | typed                       |
        | Gulf Coast Physical Therapy |
        | gulf coast                  |
        | Physical Therapy            |

    @step:request-7a
    Scenario: Several providers match, and Grace chooses one by Provider ID
      Given the plan's provider directory also lists:
        | name                      | Provider ID | NPI        | ZIP code | Tax ID     |
        | Tampa Bay Imaging Center  | HP008842    | 1679352041 | 33606    | 59-7654329 |
        | Tampa Bay Imaging Brandon | HP008843    | 1987245630 | 33511    | 59-7654330 |
      When Grace looks up the servicing provider "Tampa Bay Imaging"
      Then she is shown these providers to choose from:
        | Provider ID | name                      | NPI        |
        | HP008843    | Tampa Bay Imaging Brandon | 1987245630 |
        | HP008842    | Tampa Bay Imaging Center  | 1679352041 |
      When Grace chooses Provider ID "HP008842" from the list
      Then Grace's request reads:
        | Servicing Provider | HP008842 Tampa Bay Imaging Center |

    @step:request-7a
    Scenario: No provider's name matches
      When Grace looks up the servicing provider "Sarasota Orthopedics"
      Then she is told "We could not find that provider. Please check the Servicing Provider name."
      And she is told nothing else

    @step:request-7a
    Scenario: One letter is not enough to look a provider up
      When Grace looks up the servicing provider "T"
      Then she is told "Servicing Provider name must be at least 2 characters of the provider’s name."
      And she is told nothing else
