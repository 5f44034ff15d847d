@guide:qpp-harp-account-setup
Feature: Connect to an Organization
  "Select "Manage Access" on the left side of the page. Select "Connect to an
  Organization" in the middle of the page." "You can connect to more than one
  clinic if you work under more than one Tax ID Number (TIN)."

  Where the guide is silent we chose: only a person's own HARP account whose
  identity is proofed connects. The organization is found in CMS's records by
  its type and TIN, shown by its legal business name to confirm; nothing is
  written until the person confirms. The clinician the first user gives must
  be one CMS lists as billing under that TIN (the refusal does not say whether
  the PTAN or the NPI was wrong). When two people connect at the same moment
  as first users, one becomes Security Official and the other is told the
  organization has one and to request a role.

  Background:
    Given CMS's records list the Practice "Lakeside Family Medicine", TIN "41-1234567", where "Dr. Maya Patel" bills with NPI "1234567893" and PTAN "AB1234"

  Rule: Manage Access leads to Connect to an Organization
    @step:connect-1
    Scenario: Priya, whose identity is proofed, opens Connect to an Organization
      Given Priya Shah has a HARP account with her identity proofed
      When she selects "Manage Access", then "Connect to an Organization"
      Then she may select the organization type "Practice", "Alternative Payment Model (APM) Entity" or "Registry"

    @step:connect-1
    Scenario: Identity proofing comes before connecting
      Given Priya Shah has a HARP account
      When she selects "Manage Access", then "Connect to an Organization"
      Then she is told "Please complete identity proofing first."

  Rule: The organization's type and its TIN find it
    "Select Organization Type: Practice, Alternative Payment Model (APM) Entity, Registry"
    "Find a Practice: Enter practice TIN and confirm"

    @step:connect-2 @step:connect-5
    Scenario: Priya finds her practice by its TIN and is asked to confirm it
      Given Priya Shah has a HARP account with her identity proofed
      When she looks up the Practice with TIN "41-1234567"
      Then she is shown "Lakeside Family Medicine", TIN ending "4567", to confirm
      And connecting would make her its first user and Security Official

    @step:connect-2
    Scenario: An APM Entity is found among APM Entities
      Given CMS's records list the APM Entity "Twin Cities Care Partners", TIN "41-2223334", where "Dr. Leo Park" bills with NPI "1987654328" and PTAN "CD5678"
      And Priya Shah has a HARP account with her identity proofed
      When she looks up the APM Entity with TIN "41-2223334"
      Then she is shown "Twin Cities Care Partners", TIN ending "3334", to confirm

    @step:connect-2
    Scenario: A practice's TIN does not find a Registry
      Given Priya Shah has a HARP account with her identity proofed
      When she looks up the Registry with TIN "41-1234567"
      Then she is told "We could not find an organization of that type with that TIN. Please check the TIN and the organization type."

    @step:connect-5
    Scenario: A TIN CMS does not know finds nothing
      Given Priya Shah has a HARP account with her identity proofed
      When she looks up the Practice with TIN "41-9999999"
      Then she is told "We could not find an organization of that type with that TIN. Please check the TIN and the organization type."

    @step:connect-5
    Scenario: Nothing is connected until the practice is confirmed
      Given Priya Shah has a HARP account with her identity proofed
      When she connects to the Practice with TIN "41-1234567" without confirming it
      Then she is told "Please confirm this is your organization."
      And Priya is not connected to "Lakeside Family Medicine"

  Rule: The first user becomes Security Official, proving one clinician of the TIN
    "The first user will automatically be made Security Official and you will need to provide PTAN and NPI of a single clinician that is part of TIN practice."

    @step:connect-3
    Scenario: Priya, the first to connect, becomes Security Official
      Given Priya Shah has a HARP account with her identity proofed
      When she connects to the Practice with TIN "41-1234567", giving NPI "1234567893" and PTAN "AB1234"
      Then Priya is connected to "Lakeside Family Medicine" as a Security Official

    @step:connect-3
    Scenario: A clinician who does not bill under the TIN proves nothing
      Given Priya Shah has a HARP account with her identity proofed
      When she connects to the Practice with TIN "41-1234567", giving NPI "1234567893" and PTAN "ZZ9999"
      Then she is told "The PTAN and NPI must be those of one clinician who bills under this TIN."
      And Priya is not connected to "Lakeside Family Medicine"

    @step:connect-3
    Scenario: Once the practice has a Security Official, a clinician's numbers make no one else one
      Given Priya Shah is the Security Official of "Lakeside Family Medicine"
      And Carla Diaz has a HARP account with her identity proofed
      When Carla connects to the Practice with TIN "41-1234567", giving NPI "1234567893" and PTAN "AB1234"
      Then she is told "This organization already has a Security Official. Please request a role; a Security Official will approve or reject it."

    @step:connect-3
    Scenario: Two first users at the same moment make one Security Official
      Given Priya Shah has a HARP account with her identity proofed
      And Carla Diaz has a HARP account with her identity proofed
      When Priya and Carla connect to "Lakeside Family Medicine" at the same moment, each as its first user
      Then the other is told "This organization already has a Security Official. Please request a role; a Security Official will approve or reject it."
      And exactly one of Priya and Carla is the Security Official of "Lakeside Family Medicine"

  Rule: Later users request approval from the Security Official
    "Subsequent users will need to request approval from the Security Official"

    @step:connect-4
    Scenario: Ben's request to join waits for the Security Official
      Given Priya Shah is the Security Official of "Lakeside Family Medicine"
      When Ben Carter asks to join "Lakeside Family Medicine" as a Staff User
      Then Ben's request to join "Lakeside Family Medicine" as a Staff User is waiting
      And Ben is not connected to "Lakeside Family Medicine"

    @step:connect-4
    Scenario: A request already waiting is not made twice
      Given Priya Shah is the Security Official of "Lakeside Family Medicine"
      And Ben Carter has asked to join "Lakeside Family Medicine" as a Staff User
      When Ben asks to join "Lakeside Family Medicine" as a Security Official
      Then he is told "Your request for this organization is waiting for a Security Official."

  Rule: One person connects to every clinic whose TIN they work under
    @step:intro-3
    Scenario: Priya works under two TINs and is connected to both
      Given CMS's records list the Practice "Northside Pediatrics", TIN "41-7654321", where "Dr. Leo Park" bills with NPI "1987654328" and PTAN "CD5678"
      And Priya Shah is the Security Official of "Lakeside Family Medicine"
      And Omar Haddad is the Security Official of "Northside Pediatrics"
      And Priya is a Staff User of "Northside Pediatrics", approved by Omar
      Then Priya's organizations are:
        | organization             | TIN          | role              | permissions               |
        | Lakeside Family Medicine | ending 4567  | Security Official | report data, manage users |
        | Northside Pediatrics     | ending 4321  | Staff User        | report data               |

    @step:intro-3
    Scenario: One organization holds one role for a person
      Given Priya Shah is the Security Official of "Lakeside Family Medicine"
      When Priya asks to join "Lakeside Family Medicine" as a Staff User
      Then she is told "You already have that role in this organization."
